import { ModelshipError } from '@modelship/core';

export type ImportErrorCode =
  | 'E_IMPORT_MODEL_FILE'
  | 'E_IMPORT_MODEL_LOAD'
  | 'E_IMPORT_INPUT_UNMATCHED'
  | 'E_IMPORT_COLUMN_UNUSED'
  | 'E_IMPORT_INPUT_TYPE'
  | 'E_IMPORT_INPUT_SHAPE'
  | 'E_IMPORT_OUTPUTS'
  | 'E_IMPORT_CLASSES'
  | 'E_IMPORT_TOO_FEW_ROWS'
  | 'E_IMPORT_REWRITE'
  | 'E_IMPORT_NOT_A_NUMBER';

/** Where an import problem is: the model file, and the input and column when one is at fault. */
export interface ImportErrorDetails {
  code: ImportErrorCode;
  /** The model file (or the data file, for a problem with the sample). */
  file: string;
  input?: string;
  column?: string;
  /** What is wrong, as one sentence without the location. */
  problem: string;
  fix: string;
  cause?: unknown;
}

/**
 * A model or a sample `modelship import` refuses, found before anything is written or
 * registered. The message is one line: `file: problem (input "x", column "y"). Fix: ...`.
 */
export class ImportError extends ModelshipError {
  override readonly code: ImportErrorCode;
  readonly file: string;
  readonly input: string | undefined;
  readonly column: string | undefined;

  constructor(details: ImportErrorDetails) {
    const where = [
      details.input === undefined ? null : `input "${details.input}"`,
      details.column === undefined ? null : `column "${details.column}"`,
    ].filter((part) => part !== null);
    const located = where.length === 0 ? '' : ` (${where.join(', ')})`;
    super(`${details.file}: ${details.problem}${located}. Fix: ${details.fix}`, {
      cause: details.cause,
      code: details.code,
      fix: details.fix,
    });
    this.code = details.code;
    this.file = details.file;
    this.input = details.input;
    this.column = details.column;
  }
}
