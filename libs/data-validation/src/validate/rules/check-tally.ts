import type { CheckResult, OffendingValue } from '../validation-report.js';

// Field texts are slices of a whole read chunk; copying keeps a kept example from pinning it.
function detach(value: string): string {
  return value.length > 200 ? `${value.slice(0, 200)}…` : (' ' + value).slice(1);
}

/** Counts failures of one check and keeps the first few offending rows. */
export class CheckTally {
  failures = 0;
  readonly examples: OffendingValue[] = [];

  constructor(
    private readonly rule: string,
    private readonly column: string | undefined,
    private readonly maxExamples: number,
  ) {}

  fail(line: number, value: string): void {
    this.failures += 1;
    if (this.examples.length < this.maxExamples) {
      this.examples.push(
        this.column === undefined
          ? { line, value: detach(value) }
          : { line, column: this.column, value: detach(value) },
      );
    }
  }

  result(fields: {
    description: string;
    checked: number;
    passed?: boolean;
    message?: string;
  }): CheckResult {
    const passed = fields.passed ?? this.failures === 0;
    return {
      rule: this.rule,
      ...(this.column === undefined ? {} : { column: this.column }),
      description: fields.description,
      passed,
      checked: fields.checked,
      failures: this.failures,
      message:
        fields.message ?? (passed ? 'ok' : `${this.failures} of ${fields.checked} values fail`),
      examples: this.examples,
    };
  }
}

export function formatShare(part: number, whole: number): string {
  return whole === 0 ? '0%' : `${((100 * part) / whole).toFixed(2).replace(/\.?0+$/, '')}%`;
}
