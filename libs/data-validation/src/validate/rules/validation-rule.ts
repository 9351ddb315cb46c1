import type { CellValue } from '../../schema/cell-parsers.js';
import type { ColumnSchema, DatasetSchema } from '../../schema/dataset-schema.js';
import type { CheckResult } from '../validation-report.js';

export interface RuleContext {
  schema: DatasetSchema;
  maxExamples: number;
}

/** Counts a column saw, handed to every check when the pass ends. */
export interface ColumnCounts {
  rows: number;
  missing: number;
}

/**
 * One check in progress. The validator calls the hooks a check defines, for the cells of its
 * column: `onValue` for values of the column's type, `onMissing` and `onInvalid` for the rest.
 */
export interface RuleCheck {
  column?: ColumnSchema;
  onValue?(value: CellValue, raw: string, line: number): void;
  onMissing?(line: number): void;
  onInvalid?(raw: string, line: number): void;
  finish(counts: ColumnCounts): CheckResult;
}

/** A validation rule: which checks it makes for a schema. Each rule lives in its own file. */
export interface ValidationRule {
  id: string;
  plan(context: RuleContext): RuleCheck[];
}
