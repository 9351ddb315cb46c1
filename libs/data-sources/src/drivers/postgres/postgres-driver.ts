import type pg from 'pg';
import Cursor from 'pg-cursor';
import type { ConnectionUrl } from '../../source/parse-connection-url.js';
import type { SqlColumn, SqlCursor, SqlDriver, SqlQuery } from '../sql-driver.js';
import { connectPostgres } from './connect-postgres.js';
import { openPostgresCopy } from './postgres-copy.js';
import { mapPostgresType } from './postgres-types.js';
import { translatePostgresError } from './translate-postgres-error.js';

/** PostgreSQL through `pg` and `pg-cursor` (a portal read `batchSize` rows at a time). */
export const postgresDriver: SqlDriver = {
  async openCursor(connection, query, batchSize) {
    const client = await connectPostgres(connection);
    try {
      return await openPortal(client, connection, query, batchSize);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw translatePostgresError(error, connection, query.text);
    }
  },
  openCsvCopy: openPostgresCopy,
  quoteIdentifier: (name) => `"${name.replaceAll('"', '""')}"`,
  quoteLiteral: (text) => `'${text.replaceAll("'", "''")}'`,
  placeholder: (index) => `$${index}`,
};

// --- internal ---

async function openPortal(
  client: pg.Client,
  connection: ConnectionUrl,
  query: SqlQuery,
  batchSize: number,
): Promise<SqlCursor> {
  const cursor = client.query(new Cursor(query.text, query.params, { rowMode: 'array' }));
  // The first read brings the row description, so the columns are known before any row is used.
  let pending: unknown[][] | null = null;
  const fields = await new Promise<{ name: string; dataTypeID: number }[]>((resolve, reject) => {
    cursor.read(batchSize, (error, rows, result) => {
      if (error) return reject(error);
      pending = rows as unknown as unknown[][];
      resolve(result.fields);
    });
  });
  const columns: SqlColumn[] = fields.map((field) => ({
    name: field.name,
    ...mapPostgresType(field.dataTypeID),
  }));
  let closed = false;
  let next: Promise<unknown[][]> | null = null;
  const fetchBatch = (): Promise<unknown[][]> => {
    const batch = cursor.read(batchSize) as unknown as Promise<unknown[][]>;
    batch.catch(() => undefined); // awaited by the next read(), or dropped by close()
    return batch;
  };
  return {
    columns,
    async read() {
      try {
        const rows = pending ?? (await (next ?? fetchBatch()));
        pending = null;
        // Ask for the next batch before this one is written: the server produces it meanwhile,
        // instead of waiting for each round trip (two batches in memory at most).
        next = rows.length === batchSize ? fetchBatch() : null;
        return rows;
      } catch (error) {
        throw translatePostgresError(error, connection, query.text);
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await cursor.close().catch(() => undefined);
      await client.end().catch(() => undefined);
    },
  };
}
