import type { DatasetSchema } from '@modelship/data-validation';
import type { SqlCsvCopy, SqlCursor, SqlDriver } from '../drivers/sql-driver.js';
import { DataSourceError } from '../errors/data-source-error.js';
import type { DataSource } from '../source/resolve-data-source.js';
import { copyCanWriteNull } from './copy-rows.js';
import type { Increment } from './plan-increment.js';
import { buildIncrementalQuery } from './plan-increment.js';

/**
 * The extract's rows: a CSV copy where the engine can write CSV itself (PostgreSQL), otherwise a
 * cursor (SQL Server, or a schema whose missing text COPY cannot write as NULL).
 */
export async function openRowSource(
  driver: SqlDriver,
  source: DataSource,
  schema: DatasetSchema,
  increment: Increment | null,
  batchSize: number,
): Promise<SqlCursor | SqlCsvCopy> {
  const query = increment
    ? buildIncrementalQuery(driver, source, increment)
    : { text: source.query, params: [] };
  const { openCsvCopy, quoteLiteral } = driver;
  if (openCsvCopy && quoteLiteral && copyCanWriteNull(schema.missingValues?.[0] ?? '')) {
    const copyText = increment
      ? buildIncrementalQuery(driver, source, increment, quoteLiteral).text
      : source.query;
    try {
      return await openCsvCopy(source.connection, query, copyText);
    } catch (error) {
      // The copy runs the query as a sub-query: a query refused there is run as it is, for the
      // server's message about the query itself (or, if the query runs alone, the cursor's rows).
      if (!(error instanceof DataSourceError && error.code === 'E_SOURCE_QUERY')) throw error;
    }
  }
  return driver.openCursor(source.connection, query, batchSize);
}
