import { to as copyTo } from 'pg-copy-streams';
import type { ConnectionUrl } from '../../source/parse-connection-url.js';
import type { CsvSelectColumn, SqlColumn, SqlCsvCopy, SqlQuery } from '../sql-driver.js';
import { connectPostgres } from './connect-postgres.js';
import { mapPostgresType } from './postgres-types.js';
import { translatePostgresError } from './translate-postgres-error.js';

/**
 * `COPY (SELECT <one expression per column> FROM (<query>) AS q) TO STDOUT (FORMAT csv)`: the
 * server writes the CSV, the extract only checks and moves bytes. The columns come from a
 * `LIMIT 0` run of the query as a sub-query (an error there is E_SOURCE_QUERY; positions count
 * from the wrapper, so callers rerun the query as a cursor for the server's own message).
 */
export async function openPostgresCopy(
  connection: ConnectionUrl,
  query: SqlQuery,
  copyText: string,
): Promise<SqlCsvCopy> {
  const client = await connectPostgres(connection);
  let columns: SqlColumn[];
  try {
    const described = await client.query({
      text: `SELECT * FROM (${query.text}\n) AS modelship_describe LIMIT 0`,
      values: query.params,
      rowMode: 'array',
    });
    columns = described.fields.map((field) => ({
      name: field.name,
      ...mapPostgresType(field.dataTypeID),
    }));
  } catch (error) {
    await client.end().catch(() => undefined);
    throw translatePostgresError(error, connection, query.text);
  }
  let closed = false;
  return {
    columns,
    async *stream(select, nullText) {
      const list = select.map(selectExpression).join(', ');
      const sql = `COPY (SELECT ${list} FROM (${copyText}) AS q) TO STDOUT WITH (FORMAT csv, NULL ${literal(nullText)})`;
      try {
        for await (const chunk of client.query(copyTo(sql))) yield chunk as Buffer;
      } catch (error) {
        throw translatePostgresError(error, connection, query.text);
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await client.end().catch(() => undefined);
    },
  };
}

// --- internal ---

// The SQL that writes a column's cell as the cursor path would format it (normaliseValue).
function selectExpression(column: CsvSelectColumn): string {
  const ref = `q.${identifier(column.name)}`;
  if (column.form === 'boolean') {
    return `CASE WHEN ${ref} THEN ${literal(column.yes ?? 'true')} WHEN NOT ${ref} THEN ${literal(column.no ?? 'false')} END`;
  }
  if (column.form === 'datetime' && column.kind === 'timestamptz') {
    // '2026-01-01 00:01:00.000123+00' -> '2026-01-01T00:01:00.000123Z'; other shapes (infinity,
    // BC) stay raw for the scanner to flag.
    const text = `${ref}::text`;
    return `CASE WHEN right(${text}, 3) = '+00' AND substr(${text}, 11, 1) = ' ' THEN overlay(left(${text}, -3) placing 'T' from 11 for 1) || 'Z' ELSE ${text} END`;
  }
  if (column.form === 'datetime' && column.kind === 'timestamp') {
    const text = `${ref}::text`;
    return `CASE WHEN substr(${text}, 11, 1) = ' ' THEN overlay(${text} placing 'T' from 11 for 1) ELSE ${text} END`;
  }
  return ref;
}

function identifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
