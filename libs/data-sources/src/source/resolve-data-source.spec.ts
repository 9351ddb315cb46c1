import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConnectionUrl } from './parse-connection-url.js';
import { firstLineOf, resolveDataSource } from './resolve-data-source.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'modelship-source-'));
  await writeFile(join(root, 'rows.sql'), '-- the rows\nSELECT * FROM t;\n');
});
afterAll(() => rm(root, { recursive: true, force: true }));

const env = { DATABASE_URL: 'postgres://u:pw-x9k2@db.example:6543/sales' };

describe('resolveDataSource', () => {
  it('takes the URL from the variable and hashes the query as run', () => {
    const source = resolveDataSource({ url: 'env:DATABASE_URL', query: ' SELECT 1; ' }, root, env);
    expect(source).toMatchObject({
      variable: 'DATABASE_URL',
      query: 'SELECT 1',
      querySha256: 'e004ebd5b5532a4b85984a62f8ad48a81aa3460c1ca07701f386135d72cdecf5',
      connection: { engine: 'postgres', host: 'db.example', port: 6543, database: 'sales' },
    });
  });

  it('reads query_file relative to the root', () => {
    expect(
      resolveDataSource({ url: 'env:DATABASE_URL', query_file: 'rows.sql' }, root, env).query,
    ).toBe('-- the rows\nSELECT * FROM t');
  });

  it.each([
    [{ url: 'postgres://u:p@h/d', query: 'SELECT 1' }, env, 'data.source.url must be env:NAME'],
    [{ url: 'env:MISSING', query: 'SELECT 1' }, env, '$MISSING is not set (data.source.url).'],
    [{ url: 'env:DATABASE_URL' }, env, 'needs exactly one of query and query_file'],
    [
      { url: 'env:DATABASE_URL', query: 'a', query_file: 'rows.sql' },
      env,
      'needs exactly one of query and query_file',
    ],
    [
      { url: 'env:DATABASE_URL', query_file: 'none.sql' },
      env,
      'data.source.query_file none.sql cannot be read (ENOENT)',
    ],
    [{ url: 'env:DATABASE_URL', query: ' ; ' }, env, 'data.source query is empty'],
    [
      { url: 'env:DATABASE_URL', query: 'SELECT 1' },
      { DATABASE_URL: 'mysql://u:pw-x9k2@h/d' },
      'uses the scheme "mysql:"',
    ],
    [
      { url: 'env:DATABASE_URL', query: 'SELECT 1' },
      { DATABASE_URL: 'postgres://u:pw-x9k2@h' },
      'must name a host and a database',
    ],
  ])('%j with %j fails: %s', (params, variables, message) => {
    let thrown: unknown;
    try {
      resolveDataSource(params, root, variables);
    } catch (error) {
      thrown = error;
    }
    expect((thrown as Error).message).toContain(message);
    expect((thrown as Error).message).not.toContain('pw-x9k2');
  });

  it('names the first non-blank line of a query', () => {
    expect(firstLineOf('\n\n  SELECT a,\n b FROM t')).toBe('SELECT a,');
  });

  it('gives SQL Server its default port', () => {
    expect(parseConnectionUrl('mssql://h/d', 'X')).toMatchObject({
      engine: 'sqlserver',
      port: 1433,
    });
  });
});
