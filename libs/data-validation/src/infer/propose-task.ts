import type { Task } from '@modelship/core';
import { InferError } from './infer-error.js';

/** The most classes a classification target may have unless told otherwise. */
export const DEFAULT_MAX_CLASSES = 50;

/** What one pass over a target column learns, as much of it as choosing the task needs. */
export interface TargetSummary {
  rows: number;
  missing: number;
  /** Distinct present values and their counts; undefined once there were more than maxClasses. */
  distinct: ReadonlyMap<string, number> | undefined;
  /** Every present value is a number / an integer. */
  number: boolean;
  integer: boolean;
}

/** The task for a target column, and the rule that chose it, in words a person can check. */
export interface TaskProposal {
  task: Task;
  rule: string;
}

export interface ProposeTaskOptions {
  file: string;
  column: string;
  /** A task the user chose (`--task`): checked against the values instead of proposed. */
  task?: Task;
  /** @default DEFAULT_MAX_CLASSES */
  maxClasses?: number;
}

/**
 * Proposes the task from the target's values, or checks the user's choice against them:
 * 2 distinct values are binary; numbers with a fractional part, or integers that hardly repeat
 * or have more than maxClasses values, are regression; booleans, text and integers with 3 to
 * maxClasses repeating values are multiclass.
 * @throws InferError `E_TARGET_UNUSABLE` for a target no task fits (empty, one value, too many
 * text classes) and `E_TARGET_TASK` for a chosen task the values contradict, each naming the fix
 */
export function proposeTask(target: TargetSummary, options: ProposeTaskOptions): TaskProposal {
  const maxClasses = options.maxClasses ?? DEFAULT_MAX_CLASSES;
  checkUsable(target, options, maxClasses);
  const proposed = proposeFromValues(target, maxClasses);
  if (options.task === undefined || options.task === proposed.task) return proposed;
  checkChosenTask(options.task, target, options, maxClasses);
  return {
    task: options.task,
    rule: `chosen with --task (the values alone suggest ${proposed.task}: ${proposed.rule})`,
  };
}

// --- internal ---

function proposeFromValues(target: TargetSummary, maxClasses: number): TaskProposal {
  const present = target.rows - target.missing;
  const classes = target.distinct?.size;
  if (classes === 2) return { task: 'binary', rule: 'the target holds 2 distinct values' };
  if (target.number && !target.integer)
    return { task: 'regression', rule: 'the target holds numbers with a fractional part' };
  if (target.number && classes === undefined)
    return {
      task: 'regression',
      rule: `the target holds integers with more than ${maxClasses} distinct values`,
    };
  // Integers where most values are new are measurements (counts, prices), not class codes.
  if (target.number && classes !== undefined && classes > present / 2)
    return {
      task: 'regression',
      rule: `the target holds integers with ${classes} distinct values in ${present} rows, too few repeats for classes`,
    };
  return {
    task: 'multiclass',
    rule: `the target holds ${classes} distinct ${target.number ? 'integers' : 'text values'} (3 to ${maxClasses} classes)`,
  };
}

function checkUsable(target: TargetSummary, where: ProposeTaskOptions, maxClasses: number): void {
  const fail = (problem: string, fix: string, value?: unknown): never => {
    throw new InferError(
      'E_TARGET_UNUSABLE',
      where.file,
      value ?? where.column,
      `target "${where.column}" ${problem}`,
      fix,
    );
  };
  if (target.rows === target.missing)
    fail(
      `is missing on every row (${target.rows} rows)`,
      'choose a target column that holds values',
    );
  const classes = [...(target.distinct?.keys() ?? [])];
  if (classes.length === 1)
    fail(
      `holds one value, "${classes[0]}", on every row; a model needs at least two`,
      'add rows with other values, or choose another target column',
      classes[0],
    );
  if (!target.number && target.distinct === undefined)
    fail(
      `holds more than ${maxClasses} distinct text values; classification allows at most ${maxClasses} classes`,
      `group the values into at most ${maxClasses} classes, raise the maximum (--max-classes), or choose another target column`,
    );
}

function checkChosenTask(
  task: Task,
  target: TargetSummary,
  where: ProposeTaskOptions,
  maxClasses: number,
): void {
  const classes = target.distinct?.size;
  const found =
    classes === undefined
      ? `more than ${maxClasses} distinct values`
      : `${classes} distinct values`;
  const fail = (problem: string, fix: string): never => {
    throw new InferError(
      'E_TARGET_TASK',
      where.file,
      task,
      `task ${task} contradicts target "${where.column}": ${problem}`,
      fix,
    );
  };
  if (task === 'regression' && !target.number)
    fail(
      'it holds values that are not numbers',
      `use task ${classes === 2 ? 'binary' : 'multiclass'}, or choose a numeric target column`,
    );
  if (task === 'binary' && classes !== 2)
    fail(
      `a binary target holds exactly 2 values, this one holds ${found}`,
      `use task ${suggestOther(target, maxClasses)}, or map the target to two values`,
    );
  if (task === 'multiclass' && classes === 2) fail('it holds 2 values', 'use task binary');
  if (task === 'multiclass' && classes === undefined)
    fail(
      `it holds ${found}; classification allows at most ${maxClasses} classes`,
      'use task regression, or raise the maximum (--max-classes)',
    );
}

function suggestOther(target: TargetSummary, maxClasses: number): Task {
  return target.number &&
    (target.distinct === undefined || !target.integer || target.distinct.size > maxClasses)
    ? 'regression'
    : 'multiclass';
}
