import type { LocatedDataErrorDetails } from '@modelship/data-validation';
import { LocatedDataError } from '@modelship/data-validation';

export type DatasetErrorCode =
  | 'E_DATA_EMPTY'
  | 'E_DATA_COLUMN_MISSING'
  | 'E_DATA_NOT_NUMERIC'
  | 'E_TARGET_MISSING'
  | 'E_TARGET_VALUE_MISSING'
  | 'E_TARGET_CLASSES'
  | 'E_TARGET_SINGLE_CLASS'
  | 'E_TARGET_NOT_NUMERIC'
  | 'E_SPLIT_CLASS_TOO_SMALL'
  | 'E_SPLIT_CLASS_UNSEEN'
  | 'E_SPLIT_EMPTY'
  | 'E_SPLIT_PARAMS';

export type DatasetErrorDetails = LocatedDataErrorDetails<DatasetErrorCode>;

/**
 * Data that cannot be trained on, found before training starts. The message is one line,
 * `file:line: problem (column "x"). Fix: ...`, ready for the CLI to print as is.
 */
export class DatasetError extends LocatedDataError<DatasetErrorCode> {
  override readonly name = 'DatasetError';
}
