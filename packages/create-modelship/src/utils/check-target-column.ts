import { basename } from 'node:path';
import { readCsvColumn } from './read-csv-column.js';

/** The most classes a classification target may have unless --max-classes says otherwise. */
export const DEFAULT_MAX_CLASSES = 50;

// The workspace's missing-value texts (libs/data-validation DEFAULT_MISSING_VALUES): the
// scaffolder is published alone and imports no workspace package.
const MISSING_VALUES = new Set(['', 'NA', 'NaN', 'null']);

/** --max-classes as a number: the default when not given (the option table checked the text). */
export function readMaxClasses(given: string | boolean | undefined): number {
  return given === undefined ? DEFAULT_MAX_CLASSES : Number(given);
}

/** What the target column of the user's CSV is good for, or why it cannot be used. */
export interface TargetCheck {
  task: 'binary' | 'multiclass' | 'regression' | undefined;
  /** The rule that chose the task, in words. */
  rule: string;
  /** Why the column cannot be the target (no task fits); else undefined. */
  problem: string | undefined;
  /** A classification target's classes, in the order they first occur; else empty. */
  classes: string[];
  /**
   * A regression target's errors when always predicting its mean (RMSE: the standard deviation;
   * MAE: the mean absolute deviation), in the target's units; else undefined.
   */
  meanBaseline: { rmse: number; mae: number } | undefined;
}

/**
 * Reads the target column of the user's CSV once and decides, before anything is installed,
 * whether the workspace can train on it and on which task. The task rule is a copy of the workspace's
 * `proposeTask` (libs/data-validation): 2 distinct values binary; numbers with a fraction, or
 * integers that hardly repeat or exceed maxClasses, regression; 3..maxClasses classes multiclass.
 */
export function checkTargetColumn(
  csv: string,
  column: string,
  maxClasses = DEFAULT_MAX_CLASSES,
): TargetCheck {
  const summary = summarizeColumn(csv, column, maxClasses);
  const name = `column "${column}" of ${basename(csv)}`;
  const unusable = (problem: string): TargetCheck => ({
    task: undefined,
    rule: '',
    problem: `${name} ${problem}`,
    classes: [],
    meanBaseline: undefined,
  });
  if (summary.present === 0)
    return unusable(
      `is empty on every row (${summary.rows} rows); choose a column that holds the values to predict`,
    );
  const classes = summary.distinct === undefined ? undefined : [...summary.distinct.keys()];
  if (classes?.length === 1)
    return unusable(
      `holds one value, "${classes[0]}", on every row with a value (${summary.present} rows); a model needs at least two, so add rows of another class or choose another column`,
    );
  if (classes === undefined && !summary.number)
    return unusable(
      `holds more than ${maxClasses} distinct text values; a classification target has at most ${maxClasses} classes (--max-classes), so group the values or choose another column`,
    );
  const { task, rule } = proposeTask(summary, classes, maxClasses);
  if (task === 'regression')
    return {
      task,
      rule,
      problem: undefined,
      classes: [],
      meanBaseline: measureMean(summary.numbers),
    };
  return { task, rule, problem: undefined, classes: classes ?? [], meanBaseline: undefined };
}

// --- internal ---

interface ColumnSummary {
  rows: number;
  present: number;
  /** Distinct values with counts, until there are more than maxClasses. */
  distinct: Map<string, number> | undefined;
  number: boolean;
  integer: boolean;
  /** The values while every one is a number. */
  numbers: number[];
}

function summarizeColumn(csv: string, column: string, maxClasses: number): ColumnSummary {
  const summary: ColumnSummary = {
    rows: 0,
    present: 0,
    distinct: new Map(),
    number: true,
    integer: true,
    numbers: [],
  };
  readCsvColumn(csv, column, (value) => {
    summary.rows += 1;
    if (MISSING_VALUES.has(value)) return;
    summary.present += 1;
    if (summary.number) {
      const parsed = value.trim() === value ? Number(value) : Number.NaN;
      if (!Number.isFinite(parsed) || /^[+-]?0[xob]/i.test(value)) {
        summary.number = summary.integer = false;
        summary.numbers = [];
      } else {
        if (!Number.isInteger(parsed)) summary.integer = false;
        summary.numbers.push(parsed);
      }
    }
    if (summary.distinct) {
      summary.distinct.set(value, (summary.distinct.get(value) ?? 0) + 1);
      if (summary.distinct.size > maxClasses) summary.distinct = undefined;
    }
  });
  return summary;
}

function proposeTask(
  summary: ColumnSummary,
  classes: string[] | undefined,
  maxClasses: number,
): { task: 'binary' | 'multiclass' | 'regression'; rule: string } {
  if (classes?.length === 2)
    return { task: 'binary', rule: `2 distinct values: "${classes[0]}", "${classes[1]}"` };
  if (summary.number && !summary.integer)
    return { task: 'regression', rule: 'numbers with a fractional part' };
  if (summary.number && classes === undefined)
    return { task: 'regression', rule: `integers with more than ${maxClasses} distinct values` };
  if (summary.number && classes !== undefined && classes.length > summary.present / 2)
    return {
      task: 'regression',
      rule: `integers with ${classes.length} distinct values in ${summary.present} rows`,
    };
  const shown = (classes ?? [])
    .slice(0, 5)
    .map((value) => `"${value}"`)
    .join(', ');
  return {
    task: 'multiclass',
    rule: `${classes?.length} distinct ${summary.number ? 'integers' : 'text values'}: ${shown}${(classes?.length ?? 0) > 5 ? ', ...' : ''}`,
  };
}

function measureMean(values: readonly number[]): { rmse: number; mae: number } {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  let squared = 0;
  let absolute = 0;
  for (const value of values) {
    squared += (value - mean) ** 2;
    absolute += Math.abs(value - mean);
  }
  return { rmse: Math.sqrt(squared / values.length), mae: absolute / values.length };
}
