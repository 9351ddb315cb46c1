/** Every way a CSV file can be unreadable, as a stable code for scripts and tests. */
export type CsvErrorCode =
  | 'E_CSV_READ'
  | 'E_CSV_EMPTY'
  | 'E_CSV_NO_HEADER'
  | 'E_CSV_HEADER_BLANK'
  | 'E_CSV_HEADER_DUPLICATE'
  | 'E_CSV_HEADER_MISMATCH'
  | 'E_CSV_RAGGED_ROW'
  | 'E_CSV_UNTERMINATED_QUOTE'
  | 'E_CSV_BAD_QUOTE'
  | 'E_CSV_ROW_TOO_LONG'
  | 'E_CSV_ENCODING';

export interface CsvErrorDetails {
  code: CsvErrorCode;
  file: string;
  /** 1-based physical line in the file, where known. */
  line?: number;
  /** The column's header name, where known. */
  column?: string;
  /** The offending value (a field count, a header name, a byte sequence...). */
  value?: unknown;
  /** What is wrong, as one sentence without the location. */
  problem: string;
  /** What to do about it. */
  fix: string;
  cause?: unknown;
}

/**
 * A CSV file that cannot be read as a table. The message is one line:
 * `file:line: problem (column "x"). Fix: ...`, ready for a CLI to print as is.
 */
export class CsvError extends Error {
  override readonly name = 'CsvError';
  readonly code: CsvErrorCode;
  readonly file: string;
  readonly line: number | undefined;
  readonly column: string | undefined;
  readonly value: unknown;
  readonly problem: string;
  readonly fix: string;

  constructor(details: CsvErrorDetails) {
    const where = details.line === undefined ? details.file : `${details.file}:${details.line}`;
    const column = details.column === undefined ? '' : ` (column "${details.column}")`;
    super(`${where}: ${details.problem}${column}. Fix: ${details.fix}`, { cause: details.cause });
    this.code = details.code;
    this.file = details.file;
    this.line = details.line;
    this.column = details.column;
    this.value = details.value;
    this.problem = details.problem;
    this.fix = details.fix;
  }
}

export function isCsvError(error: unknown): error is CsvError {
  return error instanceof CsvError;
}
