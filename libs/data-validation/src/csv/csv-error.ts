import type { LocatedDataErrorDetails } from './located-data-error.js';
import { LocatedDataError } from './located-data-error.js';

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

export type CsvErrorDetails = LocatedDataErrorDetails<CsvErrorCode>;

/** A CSV file that cannot be read as a table (see LocatedDataError for the message's shape). */
export class CsvError extends LocatedDataError<CsvErrorCode> {
  override readonly name = 'CsvError';
}

export function isCsvError(error: unknown): error is CsvError {
  return error instanceof CsvError;
}
