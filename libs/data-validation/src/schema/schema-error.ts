/** One problem in a schema file, located by its JSON path (`$.columns[2].type`). */
import { ModelshipError } from '@modelship/core';
export interface SchemaIssue {
  path: string;
  problem: string;
  fix: string;
}

/** A schema file that cannot be used. Lists every issue found, each with its JSON path. */
export class SchemaError extends ModelshipError {
  override readonly code = 'E_SCHEMA';
  constructor(
    readonly file: string,
    readonly issues: SchemaIssue[],
    options?: { cause?: unknown },
  ) {
    const lines = issues.map((issue) => `${issue.path}: ${issue.problem}. Fix: ${issue.fix}`);
    const head = `${file}: ${issues.length === 1 ? 'invalid schema' : `${issues.length} schema problems`}`;
    super(
      issues.length === 1 ? `${head}: ${lines[0]}` : `${head}:\n  ${lines.join('\n  ')}`,
      options,
    );
  }
}
