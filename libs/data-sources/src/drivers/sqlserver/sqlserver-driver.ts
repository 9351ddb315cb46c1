import mssql from 'mssql';
import type { ConnectionUrl } from '../../source/parse-connection-url.js';
import type { SqlColumn, SqlCursor, SqlDriver, SqlQuery } from '../sql-driver.js';
import { buildSqlServerConfig } from './sqlserver-config.js';
import { mapSqlServerType } from './sqlserver-types.js';
import { translateSqlServerError } from './translate-sqlserver-error.js';

/**
 * SQL Server and Azure SQL Database through `mssql` (tedious): the request streams rows and is
 * paused whenever a batch is full, so memory stays flat (tedious's own back pressure).
 */
export const sqlServerDriver: SqlDriver = {
  async openCursor(connection, query, batchSize) {
    const pool = new mssql.ConnectionPool(await buildSqlServerConfig(connection));
    try {
      await pool.connect();
    } catch (error) {
      await pool.close().catch(() => undefined);
      throw translateSqlServerError(error, connection, null);
    }
    try {
      return await openStream(pool, connection, query, batchSize);
    } catch (error) {
      await pool.close().catch(() => undefined);
      throw translateSqlServerError(error, connection, query.text);
    }
  },
  quoteIdentifier: (name) => `[${name.replaceAll(']', ']]')}]`,
  placeholder: (index) => `@p${index}`,
};

// --- internal ---

type Column = { name: string; type: { declaration?: string } };

async function openStream(
  pool: mssql.ConnectionPool,
  connection: ConnectionUrl,
  query: SqlQuery,
  batchSize: number,
): Promise<SqlCursor> {
  const request = pool.request();
  request.arrayRowMode = true;
  query.params.forEach((value, index) => request.input(`p${index + 1}`, value));
  const metadata = new Promise<Column[]>((resolve, reject) => {
    request.once('recordset', (columns: Column[]) => resolve(columns));
    request.once('error', reject);
  });
  const stream = request.toReadableStream({ highWaterMark: batchSize });
  void request.query(query.text);
  const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<unknown[]>;
  const columns: SqlColumn[] = (await metadata).map((column) => {
    const sqlType = column.type.declaration ?? 'unknown';
    return { name: column.name, kind: mapSqlServerType(sqlType), sqlType };
  });
  let closed = false;
  return {
    columns,
    async read() {
      const rows: unknown[][] = [];
      try {
        while (rows.length < batchSize) {
          const next = await iterator.next();
          if (next.done) break;
          rows.push(next.value);
        }
      } catch (error) {
        throw translateSqlServerError(error, connection, query.text);
      }
      return rows;
    },
    async close() {
      if (closed) return;
      closed = true;
      stream.destroy();
      await pool.close().catch(() => undefined);
    },
  };
}
