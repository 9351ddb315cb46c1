/** @jest-environment ../../jest.onnx-environment.js */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestPostgres } from '@modelship/data-sources/testing';
import {
  addSensorRows,
  createSensorTable,
  startPostgres,
  writeSensorWorkspace,
} from '@modelship/data-sources/testing';
import { readParams } from '@modelship/params';
import { finalizeModelBundle } from '../bundle/finalize-model-bundle.js';
import { trainModel } from '../steps/train-model.js';
import { npxModelship } from '../testing/npx-modelship.js';

// `modelship data extract` against a real PostgreSQL server, then training on what it wrote: a
// table whose names and types share nothing with the sample.
let pg: TestPostgres;
let root: string;

beforeAll(async () => {
  pg = await startPostgres();
  await createSensorTable(pg, 1_500);
  root = await mkdtemp(join(tmpdir(), 'modelship-extract-cli-'));
  const data = await writeSensorWorkspace(root);
  await writeFile(
    join(root, 'params.yaml'),
    [
      `data: ${JSON.stringify(data)}`,
      'split: { test: 0.2, validation: 0.1, seed: 1, stratify: true }',
      'model: { name: sensors, hidden_units: [8], epochs: 2, batch_size: 128, seed: 1 }',
      'gate: { metric: roc_auc, margin: 0 }',
    ].join('\n'),
  );
}, 60_000);
afterAll(async () => {
  await pg?.stop();
  if (root) await rm(root, { recursive: true, force: true });
});

const extract = (args: string[] = [], url = pg.url) =>
  npxModelship(['data', 'extract', ...args], {
    env: { MODELSHIP_ROOT: root, SENSOR_DATABASE_URL: url },
  });
const readSnapshot = () => readFile(join(root, 'data/sensors.csv'), 'utf8');

describe('modelship data extract', () => {
  it('extracts in full, then appends only new rows, then the pipeline trains on the snapshot', async () => {
    const full = extract();
    expect(full.stderr).toContain(
      'data extract (full): 1500 rows from postgres 127.0.0.1/modelship',
    );
    expect(full.status).toBe(0);
    expect(full.stdout.trim()).toMatch(/^[0-9a-f]{32}\.dir$/);

    await addSensorRows(pg, 1_501, 1_600);
    const more = extract();
    expect(more.status).toBe(0);
    expect(more.stderr).toContain('data extract (incremental): 100 rows');
    expect(more.stderr).toContain('holds 1600, high-water mark reading_id = 1600');
    expect(more.stdout.trim()).not.toBe(full.stdout.trim());

    const lines: string[] = [];
    const ctx = { root, params: readParams(root), log: (line: string) => lines.push(line) };
    const output = await trainModel(ctx, { bundleDir: 'out/bundle' });
    expect(output.result.rows).toBe(1_600);
    expect(output.featureSpec.columns.map((c) => `${c.kind}:${c.column}`)).toEqual([
      'categorical:machine',
      'numeric:temperature_c',
      'numeric:pressure_kpa',
      'boolean:on_battery',
    ]);
    expect(await output.predict(output.test.rows)).toHaveLength(output.test.rows.length);
    // The bundle's lineage names the source and the query's hash, never the credentials.
    const metadata = await finalizeModelBundle(ctx, output.bundleDir);
    expect(metadata.data).toMatchObject({
      md5: more.stdout.trim(),
      rows: 1_600,
      source: {
        engine: 'postgres',
        host: '127.0.0.1',
        database: 'modelship',
        query_sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        rows: 1_600,
        high_water_mark: '1600',
      },
    });
    expect(JSON.stringify(metadata)).not.toContain(pg.password);
  }, 120_000);

  it.each([
    [
      'an unreachable server exits 2',
      ['--full'],
      () => pg.url.replace(`:${pg.port}/`, ':1/'),
      2,
      /is unreachable \(ECONNREFUSED\)/,
    ],
    [
      'a failed sign-in exits 2',
      ['--full'],
      () => pg.url.replace(pg.password, 'nope'),
      2,
      /refused the login/,
    ],
  ])('%s with one line and the snapshot untouched', (_name, args, url, status, message) => {
    return checkRefused(args, url(), status, message);
  });

  it('ct-ingest --from-source appends the rows labelled since the high-water mark', async () => {
    await addSensorRows(pg, 1_601, 1_610);
    const result = npxModelship(['ct-ingest', '--from-source'], {
      env: { MODELSHIP_ROOT: root, SENSOR_DATABASE_URL: pg.url },
    });
    expect(result.stderr).toContain(
      'ct-ingest: 10 rows from data.source: 10 appended, 0 quarantined; high-water mark 1610',
    );
    expect(result.status).toBe(0);
    expect((await readSnapshot()).trim().split('\n')).toHaveLength(1_611);
  });

  it('a source that went backwards exits 1 with one line and the snapshot untouched', async () => {
    await pg.sql('DELETE FROM sensor_readings WHERE reading_id > 1550');
    await checkRefused(
      [],
      pg.url,
      1,
      /went backwards: the source's largest value is 1550, the snapshot's high-water mark is 1610/,
    );
  });
});

async function checkRefused(
  args: string[],
  url: string,
  status: number,
  message: RegExp,
): Promise<void> {
  const before = await readSnapshot();
  const dvc = await readFile(join(root, 'data.dvc'), 'utf8');
  const result = extract(args, url);
  expect(result.status).toBe(status);
  const stderr = result.stderr.trim().split('\n');
  expect(stderr).toHaveLength(1);
  expect(stderr[0]).toMatch(/^modelship data extract: /);
  expect(stderr[0]).toMatch(message);
  expect(await readSnapshot()).toBe(before);
  expect(await readFile(join(root, 'data.dvc'), 'utf8')).toBe(dvc);
}
