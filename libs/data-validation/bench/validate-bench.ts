// Validation throughput against parsing alone, side by side: `npx nx run data-validation:bench` (or `npx tsx libs/data-validation/bench/validate-bench.ts [--rows N] [--runs N]`).
// Each run is a child process so peak RSS (getrusage maxRSS) belongs to that run alone.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parseArgs } from 'node:util';
import { inferSchema, writeSchema } from '../src/index.js';
import { generateChurnCsv } from '@modelship/sample-data';

const run = promisify(execFile);
const WORKER = fileURLToPath(new URL('./validate-bench-worker.ts', import.meta.url));

export interface ValidateBenchOptions {
  /** Rows in the generated CSV. @default 1000000 */
  rows?: number;
  /** Runs per mode; the median is reported. @default 3 */
  runs?: number;
  /** Where the CSV and schema are generated and reused. @default tmp/bench */
  dir?: string;
  log?: (line: string) => void;
}

export interface ValidateBenchMode {
  rowsPerSecond: number;
  maxRssMb: number;
}

export interface ValidateBenchResult {
  rows: number;
  parse: ValidateBenchMode;
  validate: ValidateBenchMode;
  /** validate rows/s divided by parse rows/s (1 = validation is free). */
  ratio: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function prepareInputs(
  rows: number,
  dir: string,
  log: (line: string) => void,
): Promise<{ csv: string; schema: string }> {
  const csv = join(dir, `churn-${rows}.csv`);
  const schema = join(dir, `churn-${rows}.schema.json`);
  if (!existsSync(csv)) {
    log(`generating ${csv}...`);
    await generateChurnCsv(csv, { rows, seed: 7 });
  }
  if (!existsSync(schema))
    await writeSchema(await inferSchema(csv, { target: 'churned', sampleRows: 100_000 }), schema);
  return { csv, schema };
}

async function measure(
  mode: 'parse' | 'validate',
  csv: string,
  schema: string,
): Promise<{ rows: number; ms: number; maxRssMb: number }> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', WORKER, mode, csv, schema], {
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as {
    rows: number;
    ms: number;
    maxRssMb: number;
  };
}

/** Runs parse-only and full validation alternately on the same file; returns medians and the ratio. */
export async function runValidateBench(
  options: ValidateBenchOptions = {},
): Promise<ValidateBenchResult> {
  const rows = options.rows ?? 1_000_000;
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const { csv, schema } = await prepareInputs(rows, options.dir ?? 'tmp/bench', log);
  const samples = {
    parse: [] as { ms: number; maxRssMb: number }[],
    validate: [] as { ms: number; maxRssMb: number }[],
  };
  for (let i = 0; i < (options.runs ?? 3); i++) {
    for (const mode of ['parse', 'validate'] as const) {
      const sample = await measure(mode, csv, schema);
      samples[mode].push(sample);
      log(
        `run ${i + 1} ${mode.padEnd(8)} ${Math.round(rows / (sample.ms / 1000)).toLocaleString('en-US')} rows/s, max RSS ${Math.round(sample.maxRssMb)} MB`,
      );
    }
  }
  const summarize = (list: { ms: number; maxRssMb: number }[]): ValidateBenchMode => ({
    rowsPerSecond: Math.round(rows / (median(list.map((s) => s.ms)) / 1000)),
    maxRssMb: Math.round(median(list.map((s) => s.maxRssMb))),
  });
  const parse = summarize(samples.parse);
  const validate = summarize(samples.validate);
  return { rows, parse, validate, ratio: validate.rowsPerSecond / parse.rowsPerSecond };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: { rows: { type: 'string' }, runs: { type: 'string' } } });
  const result = await runValidateBench({
    rows: values.rows ? Number(values.rows) : undefined,
    runs: values.runs ? Number(values.runs) : undefined,
  });
  const line = (name: string, mode: ValidateBenchMode): string =>
    `${name.padEnd(22)} ${mode.rowsPerSecond.toLocaleString('en-US').padStart(10)} rows/s   max RSS ${String(mode.maxRssMb).padStart(4)} MB`;
  process.stdout.write(
    [
      '',
      `validation benchmark, ${result.rows.toLocaleString('en-US')} rows (median of runs)`,
      line('parse only (papaparse)', result.parse),
      line('full validation', result.validate),
      `ratio validate/parse   ${result.ratio.toFixed(2)}`,
      'baseline (DESIGN.md): pandas read_csv + checks 215k-254k rows/s at 611 MB RSS',
      '',
    ].join('\n'),
  );
}
