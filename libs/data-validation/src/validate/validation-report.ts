/** Bumped whenever validation.json changes incompatibly. */
export const VALIDATION_REPORT_VERSION = 1;

/** One offending cell: where it is and what it holds. */
export interface OffendingValue {
  /** 1-based line of the row in the CSV file. */
  line: number;
  column?: string;
  value: string;
}

/** The outcome of one check (one rule applied to one column, or to the whole dataset). */
export interface CheckResult {
  /** The rule's id in the rule table, for example `range`. */
  rule: string;
  /** The column checked; absent for dataset checks. */
  column?: string;
  /** What was checked, for example `values within [0, 120]`. */
  description: string;
  passed: boolean;
  /** Values (or rows) the check looked at. */
  checked: number;
  /** Values (or rows) that broke the rule. */
  failures: number;
  /** One sentence on the outcome a person can act on. */
  message: string;
  /** The first offending rows (at most `maxExamples`). */
  examples: OffendingValue[];
}

export interface ValidationReport {
  reportVersion: typeof VALIDATION_REPORT_VERSION;
  passed: boolean;
  dataset: { file: string; schema: string; rows: number; columns: number };
  startedAt: string;
  durationMs: number;
  summary: { checks: number; passed: number; failed: number };
  checks: CheckResult[];
}
