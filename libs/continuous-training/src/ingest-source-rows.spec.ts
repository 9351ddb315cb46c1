import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractData, readSourceLineage } from '@modelship/data-sources';
import type { TestPostgres } from '@modelship/data-sources/testing';
import {
  addSensorRows,
  createSensorTable,
  startPostgres,
  writeSensorWorkspace,
} from '@modelship/data-sources/testing';
import { verifyDvcOut } from '@modelship/data-versioning';
import type { DataParams } from '@modelship/params';
import type { CtContext } from './ct-context.js';
import { ingestSourceRows } from './ingest-source-rows.js';

// New labelled rows from a real PostgreSQL table, above the snapshot's high-water mark.
let pg: TestPostgres;
let root: string;
let ctx: CtContext;
const logs: string[] = [];
const verifyData = () => verifyDvcOut(join(root, 'data.dvc'));

beforeAll(async () => {
  pg = await startPostgres();
  await createSensorTable(pg, 300);
  root = await mkdtemp(join(tmpdir(), 'modelship-ct-source-'));
  const data: DataParams = await writeSensorWorkspace(root);
  const env = { SENSOR_DATABASE_URL: pg.url };
  await extractData({ root, data, env });
  process.env['SENSOR_DATABASE_URL'] = pg.url;
  ctx = {
    root,
    params: {
      data,
      model: { name: 'sensors' },
      ct: { state: '.modelship/ct/state.json', ingest: { quarantine_dir: 'reports/quarantine' } },
    } as CtContext['params'],
    log: (line) => logs.push(line),
  };
}, 60_000);
afterAll(async () => {
  delete process.env['SENSOR_DATABASE_URL'];
  await pg?.stop();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('ingestSourceRows', () => {
  it('appends the new rows that pass the schema and quarantines the others with reasons', async () => {
    await addSensorRows(pg, 301, 320);
    // A machine the schema does not list: the row is refused, the others still go in.
    await pg.sql(
      "INSERT INTO sensor_readings VALUES (321, 'drill', 30, 120, false, '2026-02-01T00:00:00Z', 0)",
    );
    const before = await verifyData();
    const result = await ingestSourceRows(ctx, {
      verifyData,
      now: new Date('2026-02-02T00:00:00Z'),
    });
    expect(result).toMatchObject({
      read: 21,
      appended: 20,
      quarantined: 1,
      dataMd5Before: before.md5,
      highWaterMark: '321',
    });
    expect(result.dataMd5After).toBe((await verifyData()).md5);
    expect(result.dataMd5After).not.toBe(before.md5);
    const snapshot = (await readFile(join(root, 'data/sensors.csv'), 'utf8')).trim().split('\n');
    expect(snapshot).toHaveLength(321); // header + 300 + 20
    expect(snapshot.at(-1)).toMatch(/^320,/);
    const quarantine = readFileSync(result.quarantine!.csv, 'utf8').trim().split('\n');
    expect(quarantine[0]).toBe(
      'source_row,reasons,reading_id,machine,temperature_c,pressure_kpa,on_battery,taken_at,failed',
    );
    expect(quarantine[1]).toBe(
      '21,"machine ""drill"" breaks categories (values in {press, left, lathe, mill ""A""})",321,drill,30,120.00,false,2026-02-01T00:00:00Z,0',
    );
    expect(await readSourceLineage(join(root, 'data.dvc'))).toMatchObject({
      rows: 320,
      high_water_mark: '321',
    });
  });

  it('appends nothing and keeps the mark when more than the quarantine share is refused', async () => {
    // 4 of 5 new rows name machines the schema does not list: 80% > the default 20%.
    await addSensorRows(pg, 322, 322);
    for (const id of [323, 324, 325, 326]) {
      await pg.sql(
        `INSERT INTO sensor_readings VALUES (${id}, 'saw', 30, 120, false, '2026-02-01T00:00:00Z', 0)`,
      );
    }
    const snapshot = await readFile(join(root, 'data/sensors.csv'), 'utf8');
    const dvc = await readFile(join(root, 'data.dvc'), 'utf8');
    const failure = ingestSourceRows(ctx, { verifyData, now: new Date('2026-02-03T00:00:00Z') });
    await expect(failure).rejects.toMatchObject({ code: 'E_CT_QUARANTINE_SHARE' });
    await expect(failure).rejects.toThrow(
      /4 of 5 source rows \(80\.0%\) fail the schema.*the high-water mark stays\. Top reasons: machine breaks categories .*: 4 rows/,
    );
    expect(await readFile(join(root, 'data/sensors.csv'), 'utf8')).toBe(snapshot);
    expect(await readFile(join(root, 'data.dvc'), 'utf8')).toBe(dvc);
    // The rows are read again once the source is fixed.
    await pg.sql("UPDATE sensor_readings SET machine = 'lathe' WHERE machine = 'saw'");
    const result = await ingestSourceRows(ctx, { verifyData });
    expect(result).toMatchObject({ read: 5, appended: 5, quarantined: 0, highWaterMark: '326' });
  });

  it('does nothing when the query has no rows above the mark', async () => {
    const dvc = await readFile(join(root, 'data.dvc'), 'utf8');
    const result = await ingestSourceRows(ctx, { verifyData });
    expect(result).toMatchObject({ read: 0, appended: 0, quarantined: 0, quarantine: null });
    expect(result.dataMd5After).toBe(result.dataMd5Before);
    expect(await readFile(join(root, 'data.dvc'), 'utf8')).toBe(dvc);
    expect(logs.at(-1)).toBe(
      'ct-ingest: no rows above reading_id = 326 in data.source; nothing to do',
    );
  });
});
