import { DataSourceError } from '../../errors/data-source-error.js';
import type { ConnectionUrl } from '../../source/parse-connection-url.js';
import { firstLineOf } from '../../source/resolve-data-source.js';

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ECONNRESET',
]);

/**
 * A pg error as a DataSourceError: unreachable server, failed authentication, or a failed query
 * with the server's message and the query's first line. Anything unrecognised is rethrown as is.
 */
export function translatePostgresError(
  error: unknown,
  connection: ConnectionUrl,
  query: string | null,
): unknown {
  if (error instanceof DataSourceError) return error;
  const { code, message, position } = error as {
    code?: string;
    message?: string;
    position?: string;
  };
  const where = `${connection.host}:${connection.port}/${connection.database}`;
  const cause = { cause: error };
  if (code && UNREACHABLE.has(code)) {
    return new DataSourceError(
      'E_SOURCE_UNREACHABLE',
      `PostgreSQL at ${where} is unreachable (${code}).`,
      {
        ...cause,
        fix: 'Check the host and port in the connection URL and that the server accepts TCP connections.',
      },
    );
  }
  if (/timeout/i.test(message ?? '') && query === null) {
    return new DataSourceError(
      'E_SOURCE_UNREACHABLE',
      `PostgreSQL at ${where} did not answer (${message}).`,
      cause,
    );
  }
  // 28P01 invalid_password, 28000 invalid_authorization_specification (pg_hba.conf).
  if (code === '28P01' || code === '28000') {
    return new DataSourceError(
      'E_SOURCE_AUTH',
      `PostgreSQL at ${where} refused the login: ${message}.`,
      {
        ...cause,
        fix: 'Check the user and password in the connection URL.',
      },
    );
  }
  if (code === '3D000') {
    return new DataSourceError('E_SOURCE_CONFIG', `PostgreSQL at ${where}: ${message}.`, cause);
  }
  if (query !== null && typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
    const at = position ? ` at character ${position}` : '';
    return new DataSourceError(
      'E_SOURCE_QUERY',
      `The query failed on PostgreSQL (${code}${at}): ${message}. Query: ${firstLineOf(query)}`,
      { ...cause, fix: 'Fix data.source.query (or the query_file) and run it in psql to check.' },
    );
  }
  return error;
}
