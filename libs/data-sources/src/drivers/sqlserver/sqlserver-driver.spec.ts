// No SQL Server runs here: its path is covered by its type mapping, its configuration (URL,
// sign-in choice) and its error translation, with mssql's own error classes.
import mssql from 'mssql';
import type { TokenCredential } from '@azure/identity';
import { DataSourceError } from '../../errors/data-source-error.js';
import { parseConnectionUrl } from '../../source/parse-connection-url.js';
import { createCellFormatter } from '../../extract/create-cell-formatter.js';
import { buildSqlServerConfig, chooseSqlServerAuth } from './sqlserver-config.js';
import { sqlServerDriver } from './sqlserver-driver.js';
import { mapSqlServerType } from './sqlserver-types.js';
import { translateSqlServerError } from './translate-sqlserver-error.js';

const connection = (url: string) => parseConnectionUrl(url, 'DATABASE_URL');
const azure = connection('sqlserver://contoso.database.windows.net/churn');

describe('SQL Server type mapping', () => {
  it.each([
    ['bit', 'boolean'],
    ['tinyint', 'integer'],
    ['bigint', 'integer'],
    ['decimal', 'number'],
    ['float', 'number'],
    ['money', 'number'],
    ['date', 'date'],
    ['datetime2', 'timestamp'],
    ['datetimeoffset', 'timestamptz'],
    ['nvarchar', 'text'],
    ['uniqueidentifier', 'text'],
    ['varbinary', 'binary'],
  ])('%s is %s', (declaration, kind) => {
    expect(mapSqlServerType(declaration)).toBe(kind);
  });

  it.each([
    // tedious's values: booleans, numbers, bigint as text, Date in UTC
    [{ kind: 'boolean', sqlType: 'bit' }, 'boolean', true, 'true'],
    [{ kind: 'integer', sqlType: 'bigint' }, 'integer', '9007199254740993', '9007199254740993'],
    [{ kind: 'number', sqlType: 'float' }, 'number', 0.25, '0.25'],
    [
      { kind: 'timestamp', sqlType: 'datetime2' },
      'datetime',
      new Date('2026-03-04T05:06:07.890Z'),
      '2026-03-04T05:06:07.890',
    ],
    [
      { kind: 'timestamptz', sqlType: 'datetimeoffset' },
      'datetime',
      new Date('2026-03-04T05:06:07.890Z'),
      '2026-03-04T05:06:07.890Z',
    ],
    [{ kind: 'date', sqlType: 'date' }, 'datetime', new Date('2026-03-04T00:00:00Z'), '2026-03-04'],
    [{ kind: 'text', sqlType: 'nvarchar' }, 'string', 'a, "b"', '"a, ""b"""'],
    [
      { kind: 'number', sqlType: 'float' },
      'integer',
      1.5,
      { misfit: '"1.5" (float) is not an integer' },
    ],
  ] as const)('%j into a %s column: %j -> %j', (sql, type, value, cell) => {
    const format = createCellFormatter(
      { name: 'c', ...sql },
      { name: 'c', type, role: 'feature' },
      {},
    );
    expect(format(value)).toEqual(cell);
  });

  it('quotes identifiers and numbers parameters as T-SQL does', () => {
    expect(sqlServerDriver.quoteIdentifier('odd]name')).toBe('[odd]]name]');
    expect(sqlServerDriver.placeholder(1)).toBe('@p1');
  });
});

describe('SQL Server configuration', () => {
  const credential = { getToken: async () => null } as TokenCredential;

  it.each([
    ['sqlserver://app:s3cret@db.local:1444/sales', { type: 'sql', user: 'app' }],
    ['mssql://app:s3cret@db.local/sales?authentication=sql', { type: 'sql', user: 'app' }],
    [
      'sqlserver://contoso.database.windows.net/churn',
      { type: 'entra-default', clientId: undefined },
    ],
    [
      'sqlserver://contoso.database.windows.net/churn?authentication=entra-managed-identity&client_id=abc',
      { type: 'entra-managed-identity', clientId: 'abc' },
    ],
    [
      'sqlserver://contoso.database.windows.net/churn?authentication=entra-cli',
      { type: 'entra-cli' },
    ],
  ])('%s signs in with %j', (url, auth) => {
    expect(chooseSqlServerAuth(connection(url))).toEqual(auth);
  });

  it.each([
    ['sqlserver://app@db/sales', 'The SQL Server URL has a user but no password.'],
    [
      'sqlserver://app:pw@db/sales?authentication=entra-cli',
      'a user and password mean SQL authentication',
    ],
    ['sqlserver://db/sales?authentication=kerberos', 'asks for authentication=kerberos'],
  ])('%s is refused: %s', (url, message) => {
    expect(() => chooseSqlServerAuth(connection(url))).toThrow(message);
  });

  it('builds an encrypted SQL-auth config from the URL, port defaulting to 1433', async () => {
    const config = await buildSqlServerConfig(connection('sqlserver://app:p%40ss@db.local/sales'));
    expect(config).toMatchObject({
      server: 'db.local',
      port: 1433,
      database: 'sales',
      user: 'app',
      password: 'p@ss',
      options: { encrypt: true, trustServerCertificate: false, useUTC: true },
    });
  });

  it('signs in to Azure SQL with a token credential (managed identity or az login)', async () => {
    const asked: unknown[] = [];
    const config = await buildSqlServerConfig(azure, async (auth) => {
      asked.push(auth);
      return credential;
    });
    expect(asked).toEqual([{ type: 'entra-default', clientId: undefined }]);
    expect(config.authentication).toEqual({ type: 'token-credential', options: { credential } });
    expect(config.user).toBeUndefined();
  });
});

describe('SQL Server errors', () => {
  it.each([
    [
      new mssql.ConnectionError("Login failed for user 'app'.", 'ELOGIN'),
      'E_SOURCE_AUTH',
      "SQL Server at contoso.database.windows.net:1433/churn refused the login: Login failed for user 'app'.",
    ],
    [
      new mssql.ConnectionError('Failed to connect to db:1433 - getaddrinfo ENOTFOUND', 'ESOCKET'),
      'E_SOURCE_UNREACHABLE',
      'is unreachable (ESOCKET)',
    ],
    [
      new mssql.ConnectionError('Failed to connect in 15000ms', 'ETIMEOUT'),
      'E_SOURCE_UNREACHABLE',
      'is unreachable (ETIMEOUT)',
    ],
    [
      // tedious's code for a refused Entra token, which mssql's types do not list
      Object.assign(
        new mssql.ConnectionError('Security token could not be authenticated or authorized.'),
        { code: 'EFEDAUTH' },
      ),
      'E_SOURCE_AUTH',
      'Microsoft Entra sign-in',
    ],
  ])('%s is %s', (error, code, message) => {
    const translated = translateSqlServerError(error, azure, 'SELECT 1');
    expect(translated).toBeInstanceOf(DataSourceError);
    expect(translated).toMatchObject({ code });
    expect((translated as Error).message).toContain(message);
  });

  it("a failed query names the server's message, its number and the query's first line", () => {
    const error = new mssql.RequestError("Incorrect syntax near 'FORM'.", 'EREQUEST');
    (error as { number?: number }).number = 102;
    const translated = translateSqlServerError(error, azure, '\n  SELECT a\n  FORM t');
    expect(translated).toMatchObject({ code: 'E_SOURCE_QUERY' });
    expect((translated as Error).message).toMatch(
      /^The query failed on SQL Server \(error 102\): Incorrect syntax near 'FORM'\. Query: SELECT a/,
    );
  });

  it('leaves an error it does not know as it is', () => {
    const bug = new TypeError('x is undefined');
    expect(translateSqlServerError(bug, azure, null)).toBe(bug);
  });
});
