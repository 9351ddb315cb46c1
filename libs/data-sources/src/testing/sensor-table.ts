import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatasetSchema } from '@modelship/data-validation';
import type { DataParams } from '@modelship/params';
import type { TestPostgres } from './start-postgres.js';

/**
 * A small table that shares nothing with the sample's names or types: machine readings with a
 * bigint id, text, double, numeric, boolean and timestamptz columns, and a 0/1 target.
 */
export const SENSOR_SCHEMA: DatasetSchema = {
  schemaVersion: 1,
  name: 'sensor_failures',
  target: { column: 'failed', kind: 'binary', positive: '1' },
  columns: [
    { name: 'reading_id', type: 'integer', role: 'id', nullable: false, unique: true },
    {
      name: 'machine',
      type: 'categorical',
      role: 'feature',
      nullable: false,
      categories: ['press, left', 'lathe', 'mill "A"'],
    },
    { name: 'temperature_c', type: 'number', role: 'feature', nullable: true },
    { name: 'pressure_kpa', type: 'number', role: 'feature', nullable: false },
    { name: 'on_battery', type: 'boolean', role: 'feature', nullable: false },
    { name: 'taken_at', type: 'datetime', role: 'ignore', nullable: false },
    { name: 'failed', type: 'integer', role: 'target', nullable: false },
  ],
};

/** The extract's query: every schema column, in another order than the schema's. */
export const SENSOR_QUERY =
  'SELECT failed, reading_id, machine, temperature_c, pressure_kpa, on_battery, taken_at\nFROM sensor_readings';

/** Creates `sensor_readings` with `rows` deterministic rows (ids 1..rows); `addSensorRows` adds more. */
export async function createSensorTable(pg: TestPostgres, rows: number): Promise<void> {
  await pg.sql(`CREATE TABLE sensor_readings (
    reading_id bigint PRIMARY KEY,
    machine text NOT NULL,
    temperature_c double precision,
    pressure_kpa numeric(8,2) NOT NULL,
    on_battery boolean NOT NULL,
    taken_at timestamptz NOT NULL,
    failed integer NOT NULL
  )`);
  await addSensorRows(pg, 1, rows);
}

/** Inserts rows with ids from..to: a failure is likelier when hot and under pressure. */
export async function addSensorRows(pg: TestPostgres, from: number, to: number): Promise<void> {
  await pg.sql(`INSERT INTO sensor_readings
    SELECT i,
      (ARRAY['press, left', 'lathe', 'mill "A"'])[1 + i % 3],
      CASE WHEN i % 17 = 0 THEN NULL ELSE 20 + (i * 7919 % 600) / 10.0 END,
      100 + (i * 104729 % 5000) / 100.0,
      i % 5 = 0,
      TIMESTAMPTZ '2026-01-01 00:00:00+00' + i * INTERVAL '1 minute 0.000123 second',
      CASE WHEN (i * 7919 % 600) > 380 AND (i * 104729 % 5000) > 1500 THEN 1 ELSE 0 END
    FROM generate_series(${from}, ${to}) AS i`);
}

/** A workspace folder with the schema and `data` params pointing at the table. */
export async function writeSensorWorkspace(
  root: string,
  source: Partial<NonNullable<DataParams['source']>> = {},
): Promise<DataParams> {
  await mkdir(join(root, 'config'), { recursive: true });
  await mkdir(join(root, 'data'), { recursive: true });
  await writeFile(
    join(root, 'config/sensors.schema.json'),
    `${JSON.stringify(SENSOR_SCHEMA, null, 2)}\n`,
  );
  return {
    path: 'data/sensors.csv',
    dvc: 'data.dvc',
    schema: 'config/sensors.schema.json',
    target: 'failed',
    source: {
      url: 'env:SENSOR_DATABASE_URL',
      query: SENSOR_QUERY,
      incremental_column: 'reading_id',
      ...source,
    },
  };
}
