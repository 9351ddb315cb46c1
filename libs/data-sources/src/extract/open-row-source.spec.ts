import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatasetSchema } from '@modelship/data-validation';
import { postgresDriver } from '../drivers/postgres/postgres-driver.js';
import type { DataSource } from '../source/resolve-data-source.js';
import { resolveDataSource } from '../source/resolve-data-source.js';
import type { TestPostgres } from '../testing/index.js';
import { startPostgres } from '../testing/index.js';
import { extractToCsv } from './extract-to-csv.js';
import { openRowSource } from './open-row-source.js';

// Every SQL type against the schema types it can feed, with the values where the server's CSV and
// the cursor path could part: empty and quoted text, NULLs, exponents, whole numerics, booleans
// as the schema's texts, timestamps with and without fractions, infinity.
const SCHEMA: DatasetSchema = {
  schemaVersion: 1,
  name: 'edges',
  target: { column: 'flag', kind: 'binary', positive: 'yes' },
  booleanValues: { true: ['yes', 'true'], false: ['no', 'false'] },
  columns: [
    { name: 'id', type: 'integer', role: 'id', nullable: false },
    { name: 'note', type: 'string', role: 'feature' },
    { name: 'ratio', type: 'number', role: 'feature' },
    { name: 'amount', type: 'number', role: 'feature' },
    { name: 'whole', type: 'integer', role: 'feature' },
    { name: 'flag', type: 'boolean', role: 'target' },
    { name: 'flag_text', type: 'string', role: 'feature' },
    { name: 'bit', type: 'boolean', role: 'feature' },
    { name: 'at', type: 'datetime', role: 'feature' },
    { name: 'local_at', type: 'datetime', role: 'feature' },
    { name: 'day', type: 'datetime', role: 'feature' },
    { name: 'kind', type: 'categorical', role: 'feature', categories: ['a', 'b,c'] },
  ],
};
const QUERY = 'SELECT * FROM edges ORDER BY id';

let pg: TestPostgres;
let dir: string;
let source: DataSource;

beforeAll(async () => {
  pg = await startPostgres();
  await pg.sql(`CREATE TABLE edges (id bigint, note text, ratio double precision,
    amount numeric(12,4), whole numeric(8,2), flag boolean, flag_text boolean, bit integer,
    at timestamptz, local_at timestamp, day date, kind text)`);
  await pg.sql(`INSERT INTO edges VALUES
    (1, '', 1.5, 3.0000, 4.00, true, false, 1, '2026-01-01 00:00:00+00', '2026-01-01 00:00:00.5', '2026-01-01', 'a'),
    (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
    (3, E'say "hi",\\nthen go', 1e300, -0.0001, -7, false, true, 0, '1999-12-31 23:59:59.999999+00', '2000-01-01 12:00:00', '1970-01-01', 'b,c'),
    (4, 'NA', -2.5e-8, 12345678.9, 0, true, true, 1, '2026-06-30 12:00:00.01+02', '2026-06-30 12:00:00', '2026-06-30', 'a')`);
  source = resolveDataSource({ url: 'env:EDGES_URL', query: QUERY }, '.', { EDGES_URL: pg.url });
});
afterAll(async () => {
  await pg?.stop();
});
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'modelship-copy-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function extract(file: string, fast: boolean, query = QUERY): Promise<string> {
  const rows = fast
    ? await openRowSource(postgresDriver, { ...source, query }, SCHEMA, null, 100)
    : await postgresDriver.openCursor(source.connection, { text: query, params: [] }, 100);
  expect('stream' in rows).toBe(fast);
  await extractToCsv({
    cursor: rows,
    schema: SCHEMA,
    schemaFile: 'edges.schema.json',
    target: join(dir, file),
  });
  return readFile(join(dir, file), 'utf8');
}

describe('openRowSource on PostgreSQL (COPY and the byte scanner)', () => {
  it('writes byte for byte what the cursor path writes', async () => {
    const cursor = await extract('cursor.csv', false);
    const copy = await extract('copy.csv', true);
    expect(copy).toBe(cursor);
    expect(copy.split('\n').slice(1, 3)).toEqual([
      '1,,1.5,3.0000,4.00,yes,false,yes,2026-01-01T00:00:00Z,2026-01-01T00:00:00.5,2026-01-01,a',
      '2,,,,,,,,,,,',
    ]);
  });

  it('refuses NaN from a double column, naming the row and column', async () => {
    await pg.sql("INSERT INTO edges (id, ratio) VALUES (5, 'NaN')");
    try {
      await expect(extract('nan.csv', true)).rejects.toThrow(
        /^Row 5 of the result, column "ratio": "NaN" \(float8\) is not a number/,
      );
    } finally {
      await pg.sql('DELETE FROM edges WHERE id = 5');
    }
  });

  it('refuses a numeric with a fraction in an integer column', async () => {
    await expect(
      extract(
        'fraction.csv',
        true,
        'SELECT * FROM edges WHERE id < 3 UNION ALL SELECT 9, NULL, NULL, NULL, 2.5, NULL, NULL, NULL, NULL, NULL, NULL, NULL',
      ),
    ).rejects.toThrow(/^Row 3 of the result, column "whole": "2\.5" \(numeric\) is not an integer/);
  });
});
