import type { ColumnSchema, DatasetSchema } from '@modelship/data-validation';
import type { SqlDriver } from '../drivers/sql-driver.js';
import type { DataSource } from '../source/resolve-data-source.js';
import { createCellFormatter } from './create-cell-formatter.js';

/** The largest value of the incremental column in the query's result now, as CSV text; null if none. */
export async function readSourceMax(
  driver: SqlDriver,
  source: DataSource,
  column: ColumnSchema,
  schema: DatasetSchema,
): Promise<string | null> {
  const name = driver.quoteIdentifier(column.name);
  const cursor = await driver.openCursor(
    source.connection,
    {
      text: `SELECT MAX(${name}) AS ${name} FROM (${source.query}) AS modelship_source`,
      params: [],
    },
    1,
  );
  try {
    const [row] = await cursor.read();
    const value = row?.[0];
    const [sqlColumn] = cursor.columns;
    if (value === null || value === undefined || !sqlColumn) return null;
    const cell = createCellFormatter(sqlColumn, { ...column, nullable: true }, schema)(value);
    return typeof cell === 'string' ? cell : null;
  } finally {
    await cursor.close();
  }
}
