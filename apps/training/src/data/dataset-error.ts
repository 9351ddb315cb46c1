export type DatasetErrorCode =
  | 'E_DATA_EMPTY'
  | 'E_DATA_COLUMN_MISSING'
  | 'E_DATA_NOT_NUMERIC'
  | 'E_TARGET_MISSING'
  | 'E_TARGET_VALUE_MISSING'
  | 'E_TARGET_CLASSES'
  | 'E_TARGET_SINGLE_CLASS'
  | 'E_TARGET_POSITIVE'
  | 'E_SPLIT_EMPTY'
  | 'E_SPLIT_PARAMS';

export interface DatasetErrorDetails {
  code: DatasetErrorCode;
  file: string;
  /** 1-based line in the file, where one row is at fault. */
  line?: number;
  column?: string;
  value?: unknown;
  /** What is wrong, as one sentence without the location. */
  problem: string;
  /** What to do about it. */
  fix: string;
  cause?: unknown;
}

/**
 * Data that cannot be trained on, found before training starts. The message is one line,
 * `file:line: problem (column "x"). Fix: ...`, ready for the CLI to print as is.
 */
export class DatasetError extends Error {
  override readonly name = 'DatasetError';
  readonly code: DatasetErrorCode;
  readonly file: string;
  readonly line: number | undefined;
  readonly column: string | undefined;
  readonly value: unknown;

  constructor(details: DatasetErrorDetails) {
    const where = details.line === undefined ? details.file : `${details.file}:${details.line}`;
    const column = details.column === undefined ? '' : ` (column "${details.column}")`;
    super(`${where}: ${details.problem}${column}. Fix: ${details.fix}`, { cause: details.cause });
    this.code = details.code;
    this.file = details.file;
    this.line = details.line;
    this.column = details.column;
    this.value = details.value;
  }
}
