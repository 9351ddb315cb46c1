import { DataSourceError } from '../errors/data-source-error.js';

/** E_SOURCE_VALUE: the value at `row` (1-based) of `column` does not fit its schema type. */
export function misfitError(
  row: number,
  column: string | undefined,
  misfit: string,
  schemaFile: string,
): DataSourceError {
  return new DataSourceError(
    'E_SOURCE_VALUE',
    `Row ${row} of the result, column "${column}": ${misfit} (${schemaFile}).`,
    { fix: 'Cast or filter the value in the query, or change the column type in the schema.' },
  );
}

/** E_SOURCE_INCREMENTAL: the incremental column is NULL at `row`. */
export function noHighWaterValue(row: number, column: string): DataSourceError {
  return new DataSourceError(
    'E_SOURCE_INCREMENTAL',
    `Row ${row} of the result has no value in the incremental column "${column}".`,
    { fix: 'Filter NULLs out in the query, or pick a column that is always set.' },
  );
}
