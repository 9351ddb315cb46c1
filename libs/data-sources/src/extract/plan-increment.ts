import { existsSync } from 'node:fs';
import type { ColumnSchema, DatasetSchema } from '@modelship/data-validation';
import type { SqlDriver, SqlQuery } from '../drivers/sql-driver.js';
import { DataSourceError } from '../errors/data-source-error.js';
import type { SourceLineage } from '../lineage/source-lineage.js';
import type { DataSource } from '../source/resolve-data-source.js';
import { compareHighWater, INCREMENTAL_TYPES } from './compare-high-water.js';
import { readSourceMax } from './read-source-max.js';

/** An extract that appends the rows above `mark` to the snapshot `previous` describes. */
export interface Increment {
  column: ColumnSchema;
  previous: SourceLineage;
  mark: string;
}

/**
 * Whether this extract appends: only with an incremental column, a snapshot on disk, and a
 * high-water mark left by the same query. Without a mark (a first extract) it is a full one.
 * @throws DataSourceError when the column is not an ordered schema column, or the query changed
 */
export function planIncrement(
  source: DataSource,
  schema: DatasetSchema,
  schemaFile: string,
  previous: SourceLineage | null,
  target: string,
): Increment | null {
  const name = source.incrementalColumn;
  if (name === undefined) return null;
  const column = schema.columns.find((candidate) => candidate.name === name);
  if (!column || !INCREMENTAL_TYPES.includes(column.type)) {
    throw new DataSourceError(
      'E_SOURCE_CONFIG',
      `params.yaml: data.source.incremental_column "${name}" must be a column of ${schemaFile} typed ${INCREMENTAL_TYPES.join(', ')}${column ? `, not ${column.type}` : ''}.`,
    );
  }
  const mark = previous?.high_water_mark;
  if (!previous || mark === undefined || !existsSync(target)) return null;
  if (previous.query_sha256 !== source.querySha256 || previous.incremental_column !== name) {
    throw new DataSourceError(
      'E_SOURCE_INCREMENTAL',
      'data.source changed since the snapshot was extracted (query or incremental_column); new rows cannot be appended to rows of another query.',
      { fix: 'Run a full extract: npx modelship data extract --full' },
    );
  }
  return { column, previous, mark };
}

/**
 * Rows at or below the mark are in the snapshot already; a source whose largest value is now
 * below it was rebuilt (ids reset, rows deleted, clock moved back), and appending would lose or
 * repeat rows.
 */
export async function checkNotBackwards(
  driver: SqlDriver,
  source: DataSource,
  schema: DatasetSchema,
  increment: Increment,
): Promise<void> {
  const { column, mark } = increment;
  const max = await readSourceMax(driver, source, column, schema);
  if (max === null || compareHighWater(max, mark, column.type) < 0) {
    throw new DataSourceError(
      'E_SOURCE_INCREMENTAL',
      `The incremental column "${column.name}" went backwards: the source's largest value is ${max ?? 'none (no rows)'}, the snapshot's high-water mark is ${mark}.`,
      {
        fix: 'Find out why the source lost rows; to start over from what it holds now: npx modelship data extract --full',
      },
    );
  }
}

/**
 * The user's query as a sub-query, filtered above the mark and ordered by the column; the mark is
 * a parameter, or a literal with `inline` (for statements that take no parameters, like COPY).
 */
export function buildIncrementalQuery(
  driver: SqlDriver,
  source: DataSource,
  increment: Increment,
  inline?: (text: string) => string,
): SqlQuery {
  const column = driver.quoteIdentifier(increment.column.name);
  const mark = inline ? inline(increment.mark) : driver.placeholder(1);
  return {
    text: `SELECT * FROM (${source.query}) AS modelship_source WHERE ${column} > ${mark} ORDER BY ${column}`,
    params: inline ? [] : [increment.mark],
  };
}
