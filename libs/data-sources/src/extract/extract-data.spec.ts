import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashDirectory, readDvcFile } from '@modelship/data-versioning';
import type { DataParams } from '@modelship/params';
import type { TestPostgres } from '../testing/index.js';
import {
  addSensorRows,
  createSensorTable,
  startPostgres,
  writeSensorWorkspace,
} from '../testing/index.js';
import { extractData } from './extract-data.js';

let pg: TestPostgres;
let root: string;
let data: DataParams;
const env = (): NodeJS.ProcessEnv => ({ SENSOR_DATABASE_URL: pg.url });

beforeAll(async () => {
  pg = await startPostgres();
  await createSensorTable(pg, 200);
});
afterAll(async () => {
  await pg?.stop();
});
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'modelship-extract-'));
  data = await writeSensorWorkspace(root);
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const readCsv = () => readFile(join(root, 'data/sensors.csv'), 'utf8');

describe('extractData from PostgreSQL', () => {
  it('writes the rows in the schema order with SQL types mapped, then data.dvc and its lineage', async () => {
    const result = await extractData({ root, data, env: env(), batchSize: 64 });
    const lines = (await readCsv()).split('\n');
    expect(lines[0]).toBe(
      'reading_id,machine,temperature_c,pressure_kpa,on_battery,taken_at,failed',
    );
    expect(lines.slice(1, 6)).toEqual([
      '1,lathe,31.9,147.29,false,2026-01-01T00:01:00.000123Z,0',
      '2,"mill ""A""",43.8,144.58,false,2026-01-01T00:02:00.000246Z,0',
      '3,"press, left",55.7,141.87,false,2026-01-01T00:03:00.000369Z,0',
      '4,lathe,67.6,139.16,false,2026-01-01T00:04:00.000492Z,1',
      '5,"mill ""A""",79.5,136.45,true,2026-01-01T00:05:00.000615Z,1',
    ]);
    expect(lines[17]).toMatch(/^17,[^,]+,,/); // NULL is the schema's missing text
    expect(lines).toHaveLength(202); // header, 200 rows, the last line end
    expect(result).toMatchObject({ mode: 'full', rows: 200, md5Before: null });
    const dvc = await readDvcFile(join(root, 'data.dvc'));
    expect(dvc.outs[0]).toMatchObject({
      path: 'data',
      md5: (await hashDirectory(join(root, 'data'))).md5,
    });
    expect(dvc['meta']).toEqual({
      source: {
        engine: 'postgres',
        host: '127.0.0.1',
        database: 'modelship',
        query_sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        rows: 200,
        incremental_column: 'reading_id',
        high_water_mark: '200',
        extracted_at: expect.any(String),
      },
    });
    const dvcText = await readFile(join(root, 'data.dvc'), 'utf8');
    expect(dvcText).not.toContain(pg.password);
    expect(dvcText).not.toContain(`${pg.user}:`);
  });

  it('appends only the rows above the high-water mark, and nothing when there are none', async () => {
    await extractData({ root, data, env: env() });
    const before = await readCsv();
    await addSensorRows(pg, 201, 230);
    try {
      const result = await extractData({ root, data, env: env(), batchSize: 7 });
      expect(result).toMatchObject({
        mode: 'incremental',
        rows: 30,
        lineage: { rows: 230, high_water_mark: '230' },
      });
      expect(result.md5After).not.toBe(result.md5Before);
      const after = await readCsv();
      expect(after.startsWith(before)).toBe(true);
      expect(
        after
          .slice(before.length)
          .split('\n')
          .filter(Boolean)
          .map((line) => line.split(',')[0]),
      ).toEqual(Array.from({ length: 30 }, (_, i) => String(201 + i)));
      const again = await extractData({ root, data, env: env() });
      expect(again).toMatchObject({ mode: 'incremental', rows: 0, md5After: result.md5After });
      expect(await readCsv()).toBe(after);
      const full = await extractData({ root, data, env: env(), full: true });
      expect(full).toMatchObject({ mode: 'full', rows: 230 });
    } finally {
      await pg.sql('DELETE FROM sensor_readings WHERE reading_id > 200');
    }
  });

  it('reads the query from query_file', async () => {
    const { writeFile } = await import('node:fs/promises');
    await writeFile(
      join(root, 'config/sensors.sql'),
      'SELECT * FROM sensor_readings\nWHERE reading_id <= 10;\n',
    );
    const result = await extractData({
      root,
      data: {
        ...data,
        source: { url: 'env:SENSOR_DATABASE_URL', query_file: 'config/sensors.sql' },
      },
      env: env(),
    });
    expect(result.rows).toBe(10);
    expect(result.lineage.high_water_mark).toBeUndefined();
  });
});

// Each bad input: a clear error, and the previous snapshot and data.dvc byte for byte.
describe('extractData refuses bad input and keeps the previous snapshot', () => {
  const cases: [string, (params: DataParams) => [DataParams, NodeJS.ProcessEnv], RegExp][] = [
    [
      'an unreachable server',
      (params) => [params, { SENSOR_DATABASE_URL: pg.url.replace(`:${pg.port}/`, ':1/') }],
      /^PostgreSQL at 127\.0\.0\.1:1\/modelship is unreachable \(ECONNREFUSED\)\./,
    ],
    [
      'a failed authentication',
      (params) => [params, { SENSOR_DATABASE_URL: pg.url.replace(pg.password, 'wrong') }],
      /^PostgreSQL at 127\.0\.0\.1:\d+\/modelship refused the login: password authentication failed for user "modelship"\./,
    ],
    [
      'a syntax error, with the server message and the query first line',
      (params) => [withQuery(params, 'SELEC reading_id\nFROM sensor_readings'), env()],
      /^The query failed on PostgreSQL \(42601 at character 1\): syntax error at or near "SELEC"\. Query: SELEC reading_id/,
    ],
    [
      'a column the schema does not know',
      (params) => [withQuery(params, 'SELECT *, 1 AS shift FROM sensor_readings'), env()],
      /^The query returns "shift", which config\/sensors\.schema\.json does not know\./,
    ],
    [
      'a required column missing',
      (params) => [
        withQuery(
          params,
          'SELECT reading_id, machine, temperature_c, pressure_kpa, on_battery, taken_at FROM sensor_readings',
        ),
        env(),
      ],
      /^The query does not return "failed", which config\/sensors\.schema\.json requires\./,
    ],
    [
      'a value that does not fit its type, with row and column',
      (params) => [
        withQuery(
          params,
          "SELECT reading_id, machine, temperature_c, CASE WHEN reading_id = 42 THEN 'n/a' ELSE pressure_kpa::text END AS pressure_kpa, on_battery, taken_at, failed FROM sensor_readings ORDER BY reading_id",
        ),
        env(),
      ],
      /^Row 42 of the result, column "pressure_kpa": "n\/a" \(oid 25\) is not a number/,
    ],
    [
      'an empty result',
      (params) => [withQuery(params, 'SELECT * FROM sensor_readings WHERE false'), env()],
      /^The query returned no rows; the snapshot is unchanged\./,
    ],
  ];

  it.each(cases)('%s', async (_name, bad, message) => {
    await extractData({
      root,
      data: withQuery(data, 'SELECT * FROM sensor_readings WHERE reading_id <= 20'),
      env: env(),
    });
    const snapshot = await readCsv();
    const dvc = await readFile(join(root, 'data.dvc'), 'utf8');
    const [params, badEnv] = bad(
      withQuery(data, 'SELECT * FROM sensor_readings WHERE reading_id <= 20'),
    );
    await expect(
      extractData({
        root,
        data: { ...params, source: { ...params.source!, incremental_column: undefined } },
        env: badEnv,
        full: true,
      }),
    ).rejects.toThrow(message);
    expect(await readCsv()).toBe(snapshot);
    expect(await readFile(join(root, 'data.dvc'), 'utf8')).toBe(dvc);
    expect(existsSync(join(root, 'data/.sensors.csv.extract-' + process.pid + '.tmp'))).toBe(false);
  });

  it('an incremental column that goes backwards', async () => {
    await addSensorRows(pg, 201, 210);
    try {
      await extractData({ root, data, env: env() });
    } finally {
      await pg.sql('DELETE FROM sensor_readings WHERE reading_id > 200');
    }
    const snapshot = await readCsv();
    const dvc = await readFile(join(root, 'data.dvc'), 'utf8');
    await expect(extractData({ root, data, env: env() })).rejects.toThrow(
      /^The incremental column "reading_id" went backwards: the source's largest value is 200, the snapshot's high-water mark is 210\./,
    );
    expect(await readCsv()).toBe(snapshot);
    expect(await readFile(join(root, 'data.dvc'), 'utf8')).toBe(dvc);
  });
});

function withQuery(params: DataParams, query: string): DataParams {
  return { ...params, source: { ...params.source!, query } };
}
