import { DataSourceError } from '../../errors/data-source-error.js';
import type { ConnectionUrl } from '../../source/parse-connection-url.js';
import { firstLineOf } from '../../source/resolve-data-source.js';

// mssql's ConnectionError codes (tedious's, passed through).
const UNREACHABLE = new Set(['ESOCKET', 'ETIMEOUT', 'EINSTLOOKUP', 'ECONNCLOSED']);

/**
 * An mssql error as a DataSourceError: unreachable server, failed sign-in (SQL or Entra), or a
 * failed query with the server's message, error number and the query's first line.
 */
export function translateSqlServerError(
  error: unknown,
  connection: ConnectionUrl,
  query: string | null,
): unknown {
  if (error instanceof DataSourceError) return error;
  const { name, code, number, message } = error as {
    name?: string;
    code?: string;
    number?: number;
    message?: string;
  };
  const where = `${connection.host}:${connection.port}/${connection.database}`;
  const cause = { cause: error };
  if (name === 'ConnectionError' && code === 'ELOGIN') {
    return new DataSourceError(
      'E_SOURCE_AUTH',
      `SQL Server at ${where} refused the login: ${message}`,
      {
        ...cause,
        fix: 'Check the user and password, or that this identity is a user of the database (CREATE USER ... FROM EXTERNAL PROVIDER).',
      },
    );
  }
  if (name === 'ConnectionError' && code !== undefined && UNREACHABLE.has(code)) {
    return new DataSourceError(
      'E_SOURCE_UNREACHABLE',
      `SQL Server at ${where} is unreachable (${code}): ${message}`,
      {
        ...cause,
        fix: 'Check the host and port, and that the server firewall lets this machine in.',
      },
    );
  }
  if (name === 'ConnectionError' && /token|credential|login/i.test(message ?? '')) {
    return new DataSourceError(
      'E_SOURCE_AUTH',
      `Microsoft Entra sign-in to ${where} failed: ${message}`,
      {
        ...cause,
        fix: 'Run `az login` on a laptop; in Azure, give the managed identity a database user.',
      },
    );
  }
  if (name === 'RequestError' && query !== null) {
    const numbered = number === undefined ? '' : ` (error ${number})`;
    return new DataSourceError(
      'E_SOURCE_QUERY',
      `The query failed on SQL Server${numbered}: ${message} Query: ${firstLineOf(query)}`,
      { ...cause, fix: 'Fix data.source.query (or the query_file) and run it in sqlcmd to check.' },
    );
  }
  return error;
}
