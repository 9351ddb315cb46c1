import type { TokenCredential } from '@azure/identity';
import type { config as MssqlConfig } from 'mssql';
import { DataSourceError } from '../../errors/data-source-error.js';
import type { ConnectionUrl } from '../../source/parse-connection-url.js';

/** How the extract signs in to SQL Server / Azure SQL Database. */
export type SqlServerAuth =
  | { type: 'sql'; user: string }
  | { type: 'entra-default'; clientId: string | undefined }
  | { type: 'entra-managed-identity'; clientId: string | undefined }
  | { type: 'entra-cli' };

const ENTRA_TYPES = ['entra-default', 'entra-managed-identity', 'entra-cli'] as const;

/**
 * The sign-in a URL asks for: a user and password in the URL is SQL authentication; no user is
 * Microsoft Entra ID (`DefaultAzureCredential`: the managed identity in Azure, the `az login`
 * user on a laptop). `?authentication=entra-managed-identity|entra-cli` narrows the choice and
 * `?client_id=` picks a user-assigned managed identity.
 */
export function chooseSqlServerAuth(connection: ConnectionUrl): SqlServerAuth {
  const { url } = connection;
  const asked = url.searchParams.get('authentication');
  const clientId = url.searchParams.get('client_id') ?? undefined;
  if (url.username !== '') {
    if (asked !== null && asked !== 'sql') {
      throw new DataSourceError(
        'E_SOURCE_CONFIG',
        `The SQL Server URL has a user and authentication=${asked}; a user and password mean SQL authentication.`,
        { fix: 'Remove the user from the URL to sign in with Microsoft Entra ID.' },
      );
    }
    if (url.password === '') {
      throw new DataSourceError(
        'E_SOURCE_CONFIG',
        'The SQL Server URL has a user but no password.',
      );
    }
    return { type: 'sql', user: decodeURIComponent(url.username) };
  }
  const type = asked ?? 'entra-default';
  if (type === 'entra-cli') return { type };
  if (type === 'entra-default' || type === 'entra-managed-identity') return { type, clientId };
  throw new DataSourceError(
    'E_SOURCE_CONFIG',
    `The SQL Server URL asks for authentication=${type}.`,
    { fix: `Use one of sql (with user:password@ in the URL), ${ENTRA_TYPES.join(', ')}.` },
  );
}

/** The credential an Entra sign-in uses; injected so tests need no Azure. */
export type CreateCredential = (auth: SqlServerAuth) => Promise<TokenCredential>;

/** The mssql (tedious) configuration of a `sqlserver://` URL. Encrypted unless `?encrypt=false`. */
export async function buildSqlServerConfig(
  connection: ConnectionUrl,
  createCredential: CreateCredential = createAzureCredential,
): Promise<MssqlConfig> {
  const { url } = connection;
  const auth = chooseSqlServerAuth(connection);
  const base: MssqlConfig = {
    server: connection.host,
    port: connection.port,
    database: connection.database,
    connectionTimeout: 15_000,
    requestTimeout: 0, // an extract of millions of rows takes as long as it takes
    pool: { max: 1, min: 0 },
    options: {
      encrypt: url.searchParams.get('encrypt') !== 'false',
      trustServerCertificate: url.searchParams.get('trust_server_certificate') === 'true',
      useUTC: true,
    },
  };
  if (auth.type === 'sql') {
    return { ...base, user: auth.user, password: decodeURIComponent(url.password) };
  }
  return {
    ...base,
    authentication: {
      type: 'token-credential',
      options: { credential: await createCredential(auth) },
    },
  } as MssqlConfig;
}

// --- internal ---

async function createAzureCredential(auth: SqlServerAuth): Promise<TokenCredential> {
  const identity = await import('@azure/identity');
  if (auth.type === 'entra-cli') return new identity.AzureCliCredential();
  if (auth.type === 'entra-managed-identity') {
    return auth.clientId
      ? new identity.ManagedIdentityCredential({ clientId: auth.clientId })
      : new identity.ManagedIdentityCredential();
  }
  const clientId = auth.type === 'entra-default' ? auth.clientId : undefined;
  return new identity.DefaultAzureCredential(clientId ? { managedIdentityClientId: clientId } : {});
}
