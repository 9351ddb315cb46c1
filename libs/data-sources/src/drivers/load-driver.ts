import type { SqlEngine } from '../source/parse-connection-url.js';
import type { SqlDriver } from './sql-driver.js';

// Drivers load on first use, so a workspace that trains on a CSV never loads pg or mssql.
const drivers: Record<SqlEngine, () => Promise<SqlDriver>> = {
  postgres: () => import('./postgres/postgres-driver.js').then((m) => m.postgresDriver),
  sqlserver: () => import('./sqlserver/sqlserver-driver.js').then((m) => m.sqlServerDriver),
};

/** The driver of a connection URL's engine. */
export function loadDriver(engine: SqlEngine): Promise<SqlDriver> {
  return drivers[engine]();
}
