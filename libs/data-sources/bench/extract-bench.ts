// SQL extract against psql's \copy, side by side in the same run, on the sample table from a local
// PostgreSQL server: `npm run bench` (or `npx tsx libs/data-sources/bench/extract-bench.ts
// [--rows 250000,1000000] [--runs 3]`). Each side runs in its own process under /usr/bin/time
// (peak RSS), the sides alternating run by run (copy, extract, copy, ...) so a load change on the
// machine hits both; the table gives each side's median rows/s, the ratio of the medians and the
// largest peak RSS. Rows/s of the extract count from the query to the renamed CSV with data.dvc written.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import type { DatasetSchema } from '@modelship/data-validation';
import { generateChurnCsv } from '@modelship/sample-data';
import { startPostgres } from '../src/testing/index.js';

const run = promisify(execFile);
const WORKER = fileURLToPath(new URL('./extract-bench-worker.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SCHEMA = join(ROOT, 'config/churn.schema.json');
const SQL_TYPES: Record<string, string> = {
  integer: 'bigint',
  number: 'double precision',
  boolean: 'boolean',
  datetime: 'timestamptz',
  categorical: 'text',
  string: 'text',
};

interface Measured {
  rows: number;
  seconds: number;
  maxRssMb: number;
}

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '250000,1000000' },
    runs: { type: 'string', default: '3' },
  },
});
const runs = Number(values.runs);
const counts = (values.rows ?? '').split(',').map(Number);
const dir = resolve(ROOT, 'tmp/bench-sql');
await mkdir(dir, { recursive: true });
const schema = JSON.parse(await readFile(SCHEMA, 'utf8')) as DatasetSchema;
const table = 'sample_rows';
const pg = await startPostgres('bench');
try {
  const max = Math.max(...counts);
  const csv = join(dir, `sample-${max}.csv`);
  if (!existsSync(csv)) await generateChurnCsv(csv, { rows: max, seed: 7 });
  const header = (await readFile(csv, 'utf8')).slice(0, 4096).split('\n')[0] ?? '';
  const types = new Map(schema.columns.map((column) => [column.name, SQL_TYPES[column.type]]));
  const ddl = header
    .split(',')
    .map((name) => `"${name}" ${types.get(name) ?? 'text'}`)
    .join(', ');
  await pg.sql(`CREATE TABLE ${table} (${ddl})`);
  await pg.sql(`\\copy ${table} FROM '${csv}' csv header`);
  process.stdout.write(`loaded ${max} rows of the sample into PostgreSQL\n`);
  process.stdout.write(
    '| rows | psql \\copy median rows/s | peak RSS | data extract median rows/s | peak RSS | ratio of medians |\n|---|---|---|---|---|---|\n',
  );
  for (const rows of counts) {
    const query = `SELECT * FROM ${table} LIMIT ${rows}`;
    const copies: Measured[] = [];
    const extracts: Measured[] = [];
    for (let run = 0; run < runs; run += 1) {
      copies.push(await measureCopy(query, join(dir, 'copy.csv'), rows));
      extracts.push(await measureExtract(query, rows));
    }
    const [copy, extract] = [median(copies), median(extracts)];
    process.stdout.write(
      `| ${rows} | ${perSecond(copy)} | ${peakMb(copies)} MB | ${perSecond(extract)} | ${peakMb(extracts)} MB | ${(extract / copy).toFixed(2)}x |\n`,
    );
    process.stderr.write(
      `  ${rows} rows/s per run: copy ${copies.map(perSecondOf).join(' ')}; extract ${extracts.map(perSecondOf).join(' ')}\n`,
    );
  }
} finally {
  await pg.stop();
}

// --- internal ---

async function measureCopy(query: string, out: string, rows: number): Promise<Measured> {
  const started = performance.now();
  const { stderr } = await run('/usr/bin/time', [
    '-f',
    '%M',
    'psql',
    pg.url,
    '-qX',
    '-c',
    `\\copy (${query}) to '${out}' csv header`,
  ]);
  const seconds = (performance.now() - started) / 1000;
  await rm(out, { force: true });
  return { rows, seconds, maxRssMb: toMb(stderr) };
}

async function measureExtract(query: string, rows: number): Promise<Measured> {
  const workspace = join(dir, 'workspace');
  await rm(workspace, { recursive: true, force: true });
  await mkdir(join(workspace, 'data'), { recursive: true });
  await copyFile(SCHEMA, join(workspace, 'schema.json'));
  const data = {
    path: 'data/sample.csv',
    dvc: 'data.dvc',
    schema: 'schema.json',
    target: schema.target.column,
    source: { url: 'env:BENCH_DATABASE_URL', query },
  };
  await writeFile(join(workspace, 'data.json'), JSON.stringify(data));
  const { stdout, stderr } = await run(
    '/usr/bin/time',
    ['-f', '%M', process.execPath, '--import', 'tsx', WORKER, workspace],
    { env: { ...process.env, BENCH_DATABASE_URL: pg.url }, maxBuffer: 1 << 20 },
  );
  const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as {
    rows: number;
    ms: number;
  };
  if (result.rows !== rows) throw new Error(`extract wrote ${result.rows} rows, expected ${rows}`);
  return { rows, seconds: result.ms / 1000, maxRssMb: toMb(stderr) };
}

function toMb(timeOutput: string): number {
  return Math.round(Number(timeOutput.trim().split('\n').at(-1)) / 1024);
}

function perSecondOf(measured: Measured): string {
  return perSecond(measured.rows / measured.seconds);
}

function perSecond(rate: number): string {
  return `${Math.round(rate / 1000)}k`;
}

function median(measured: Measured[]): number {
  const rates = measured.map((m) => m.rows / m.seconds).sort((a, b) => a - b);
  const middle = Math.floor(rates.length / 2);
  return rates.length % 2
    ? (rates[middle] as number)
    : ((rates[middle - 1] as number) + (rates[middle] as number)) / 2;
}

function peakMb(measured: Measured[]): number {
  return Math.max(...measured.map((m) => m.maxRssMb));
}
