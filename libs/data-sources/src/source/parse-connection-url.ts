import { DataSourceError } from '../errors/data-source-error.js';

/** The database engines an extract can read from. */
export type SqlEngine = 'postgres' | 'sqlserver';

/** A connection URL taken apart; `lineage` is what may be written down (no credentials). */
export interface ConnectionUrl {
  engine: SqlEngine;
  url: URL;
  host: string;
  port: number;
  database: string;
}

const ENGINES: Record<string, { engine: SqlEngine; port: number }> = {
  'postgres:': { engine: 'postgres', port: 5432 },
  'postgresql:': { engine: 'postgres', port: 5432 },
  'sqlserver:': { engine: 'sqlserver', port: 1433 },
  'mssql:': { engine: 'sqlserver', port: 1433 },
};

/**
 * Parses `postgres://user:pass@host:port/db?...` or `sqlserver://host:port/db?...` (also
 * `postgresql:` and `mssql:`). Error messages name the variable, never its value, which holds
 * a password.
 */
export function parseConnectionUrl(text: string, variable: string): ConnectionUrl {
  let url: URL;
  try {
    url = new URL(text);
  } catch (error) {
    throw new DataSourceError('E_SOURCE_CONFIG', `$${variable} is not a connection URL.`, {
      fix: 'Expected postgres://user:password@host:5432/database or sqlserver://host:1433/database.',
      cause: error,
    });
  }
  const known = ENGINES[url.protocol];
  if (!known) {
    throw new DataSourceError(
      'E_SOURCE_CONFIG',
      `$${variable} uses the scheme "${url.protocol}", which data extract does not read.`,
      { fix: 'Use postgres://, postgresql://, sqlserver:// or mssql://.' },
    );
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (url.hostname === '' || database === '') {
    throw new DataSourceError(
      'E_SOURCE_CONFIG',
      `$${variable} must name a host and a database (${url.protocol}//host/database).`,
    );
  }
  return {
    engine: known.engine,
    url,
    host: url.hostname,
    port: url.port === '' ? known.port : Number(url.port),
    database,
  };
}
