import { ModelshipError } from '@modelship/core';

/** Where a problem in a data file is, what it is, and what to do about it. */
export interface LocatedDataErrorDetails<Code extends string> {
  code: Code;
  file: string;
  /** 1-based physical line in the file, where known. */
  line?: number;
  /** The column's header name, where known. */
  column?: string;
  /** The offending value (a field count, a header name, a cell...). */
  value?: unknown;
  /** What is wrong, as one sentence without the location. */
  problem: string;
  /** What to do about it. */
  fix: string;
  cause?: unknown;
}

/**
 * A problem at a known place in a data file. The message is one line,
 * `file:line: problem (column "x"). Fix: ...`, ready for a CLI to print as is.
 */
export class LocatedDataError<Code extends string = string> extends ModelshipError {
  override readonly code: Code;
  readonly file: string;
  readonly line: number | undefined;
  readonly column: string | undefined;
  readonly value: unknown;
  readonly problem: string;
  override readonly fix: string;

  constructor(details: LocatedDataErrorDetails<Code>) {
    const where = details.line === undefined ? details.file : `${details.file}:${details.line}`;
    const column = details.column === undefined ? '' : ` (column "${details.column}")`;
    super(`${where}: ${details.problem}${column}. Fix: ${details.fix}`, {
      cause: details.cause,
      code: details.code,
      fix: details.fix,
    });
    this.code = details.code;
    this.file = details.file;
    this.line = details.line;
    this.column = details.column;
    this.value = details.value;
    this.problem = details.problem;
    this.fix = details.fix;
  }
}
