import pg from 'pg';
import type { ConnectionUrl } from '../../source/parse-connection-url.js';
import { translatePostgresError } from './translate-postgres-error.js';

// Every value arrives as PostgreSQL's own text: exact for numeric and int8, microseconds kept for
// timestamps; the extract maps it to the schema's type.
const rawText = { getTypeParser: () => (value: string) => value };

/**
 * A connected client in a UTC, ISO-dates session, so timestamptz text is the same instant
 * whatever the server's zone.
 * @throws DataSourceError when the server is unreachable or refuses the login
 */
export async function connectPostgres(connection: ConnectionUrl): Promise<pg.Client> {
  const client = new pg.Client({
    connectionString: connection.url.href,
    types: rawText as unknown as pg.CustomTypesConfig,
    connectionTimeoutMillis: 15_000,
  });
  // A connection that dies mid-extract reports through the read that fails; this keeps the
  // 'error' event from crashing the process meanwhile.
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query("SET TIME ZONE 'UTC'; SET DateStyle = 'ISO, YMD'");
    return client;
  } catch (error) {
    await client.end().catch(() => undefined);
    throw translatePostgresError(error, connection, null);
  }
}
