import { DEFAULT_MAX_CLASSES, formatClasses } from '@modelship/data-validation';
import { DatasetError } from './dataset-error.js';

const MULTICLASS_MIN_CLASSES = 3;
const REGRESSION_MIN_VALUES = 3;

/**
 * Stops training when the target's values contradict params.yaml's task, naming the task that
 * fits them: a multiclass target with two classes (binary), or with more than
 * `DEFAULT_MAX_CLASSES` numbers (regression); a regression target with two values (binary) or one.
 * @throws DatasetError `E_TARGET_CLASSES`
 */
export function checkTargetFitsTask(
  task: 'multiclass' | 'regression',
  file: string,
  column: string,
  distinct: readonly string[],
): void {
  const fail = (problem: string, fix: string): never => {
    throw new DatasetError({ code: 'E_TARGET_CLASSES', file, column, value: distinct.length, problem, fix });
  };
  if (task === 'regression') {
    if (distinct.length === 1) {
      fail(`every row has the same target value ${formatClasses(distinct)}; there is nothing to predict`, 'choose another target column');
    }
    if (distinct.length < REGRESSION_MIN_VALUES) {
      fail(
        `params.yaml declares task regression but the target holds only the values ${formatClasses(distinct)}`,
        'set `task: binary` in params.yaml and target.kind "binary" in the schema if these are two classes, or choose another target column',
      );
    }
    return;
  }
  if (distinct.length < MULTICLASS_MIN_CLASSES) {
    fail(
      `params.yaml declares task multiclass but the target holds only the classes ${formatClasses(distinct)}`,
      'set `task: binary` in params.yaml and target.kind "binary" in the schema',
    );
  }
  if (distinct.length > DEFAULT_MAX_CLASSES && distinct.every((value) => Number.isFinite(Number(value)))) {
    fail(
      `params.yaml declares task multiclass but the target holds ${distinct.length} distinct numbers, more than the ${DEFAULT_MAX_CLASSES} classes a classifier takes`,
      'set `task: regression` in params.yaml and target.kind "numeric" in the schema, or bin the numbers into a few classes',
    );
  }
}
