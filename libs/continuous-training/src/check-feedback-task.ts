import type { Task } from '@modelship/core';
import { getFeedbackTask, type FeedbackRecord } from '@modelship/feedback-store';
import type { RowProblem } from './validate-new-rows.js';

/**
 * The records whose task is not the workspace's (feedback recorded before params.yaml's `task`
 * changed), by index, each with a `task` problem: their labels mean something else (a binary 1 is
 * no price), so they are quarantined rather than written into the target column.
 */
export function findForeignTaskRecords(
  records: readonly FeedbackRecord[],
  task: Task,
  targetColumn: string,
): Map<number, RowProblem[]> {
  const problems = new Map<number, RowProblem[]>();
  records.forEach((record, index) => {
    const recorded = getFeedbackTask(record);
    if (recorded === task) return;
    problems.set(index, [
      {
        rule: 'task',
        column: targetColumn,
        value: String(record.label),
        check: `feedback of a ${recorded} model, but params.yaml task is ${task}`,
      },
    ]);
  });
  return problems;
}
