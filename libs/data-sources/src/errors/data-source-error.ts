import { ModelshipError } from '@modelship/core';

/** The stable codes of every DataSourceError, one per way an extract can fail. */
export type DataSourceErrorCode =
  | 'E_SOURCE_CONFIG'
  | 'E_SOURCE_DRIVER_MISSING'
  | 'E_SOURCE_UNREACHABLE'
  | 'E_SOURCE_AUTH'
  | 'E_SOURCE_QUERY'
  | 'E_SOURCE_COLUMNS'
  | 'E_SOURCE_VALUE'
  | 'E_SOURCE_EMPTY'
  | 'E_SOURCE_INCREMENTAL';

/**
 * An extract that could not run or whose rows do not fit the dataset schema. The message names
 * the setting, column or row to fix and never holds the connection URL's credentials; the
 * previous snapshot is untouched whenever one is thrown.
 */
export class DataSourceError extends ModelshipError {
  declare readonly code: DataSourceErrorCode;

  constructor(
    code: DataSourceErrorCode,
    message: string,
    options: { fix?: string; cause?: unknown } = {},
  ) {
    super(options.fix ? `${message} ${options.fix}` : message, { ...options, code });
  }
}
