// The load tests against the real service: the payload generator (shared by k6 and the local
// runner) makes rows the service accepts, and `npm run load:local` passes or fails on the limits.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readModelFixture, WORKSPACE_ROOT } from '../test/model-fixture.js';
import type { RunningService } from '../test/start-service.js';
import { startService } from '../test/start-service.js';

const LOAD = join(WORKSPACE_ROOT, 'load');

type Row = Record<string, unknown>;
interface JsonSchema {
  required: string[];
  properties: Record<
    string,
    { type: string | string[]; examples?: string[]; minimum?: number; maximum?: number }
  >;
}
interface Target {
  model: string;
  instance: JsonSchema;
  rawInputs: { name: string; datatype: string }[];
}
interface PayloadsLib {
  createRowGenerator(
    instance: JsonSchema,
    options?: { seed?: number; nullRate?: number },
  ): () => Row;
  buildV2Request(rows: Row[], rawInputs: Target['rawInputs']): unknown;
}

let service: RunningService;
let target: Target;
let payloads: PayloadsLib;
let resultsDir: string;

beforeAll(async () => {
  // Unknown categories are refused, so a generator that invents one fails these tests.
  service = await startService({
    modelDir: readModelFixture().bundleDir,
    env: { UNKNOWN_CATEGORIES: 'reject', WORKERS: '1' },
  });
  const { fetchTarget } = (await import(join(LOAD, 'local', 'fetch-target.ts'))) as {
    fetchTarget(url: string, model?: string): Promise<Target>;
  };
  target = await fetchTarget(service.url, undefined);
  payloads = (await import(join(LOAD, 'lib', 'payloads.js'))) as PayloadsLib;
  resultsDir = await mkdtemp(join(tmpdir(), 'load-results-'));
});

afterAll(async () => {
  await service?.stop();
  if (resultsDir) await rm(resultsDir, { recursive: true, force: true });
});

describe('the payload generator', () => {
  it('reads the served model and its inputs from the service', () => {
    expect(target.model).toBe('delivery');
    expect(target.instance.required.length).toBeGreaterThan(3);
    expect(target.rawInputs.map((input) => input.name)).toEqual(
      expect.arrayContaining(target.instance.required),
    );
  });

  it('makes rows inside the schema: every feature, listed categories, numbers in range', () => {
    const next = payloads.createRowGenerator(target.instance, { seed: 3, nullRate: 0.2 });
    const rows = Array.from({ length: 500 }, next);
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual([...target.instance.required].sort());
      for (const [name, value] of Object.entries(row)) {
        const property = target.instance.properties[name];
        if (value === null) {
          expect({ name, nullable: [property.type].flat().includes('null') }).toEqual({
            name,
            nullable: true,
          });
        } else if (property.examples) {
          expect(property.examples).toContain(value);
        } else if (typeof value === 'number') {
          expect(value).toBeGreaterThanOrEqual(property.minimum ?? -Infinity);
          expect(value).toBeLessThanOrEqual(property.maximum ?? Infinity);
        }
      }
    }
    // Nullable features do get nulls, and categoricals vary.
    expect(rows.some((row) => Object.values(row).includes(null))).toBe(true);
    const categorical = target.instance.required.find(
      (name) => target.instance.properties[name].examples,
    ) as string;
    expect(new Set(rows.map((row) => row[categorical])).size).toBeGreaterThan(1);
  });

  it('gives the same rows for the same seed and other rows for another', () => {
    const first = payloads.createRowGenerator(target.instance, { seed: 11 });
    const again = payloads.createRowGenerator(target.instance, { seed: 11 });
    const other = payloads.createRowGenerator(target.instance, { seed: 12 });
    const a = Array.from({ length: 5 }, first);
    expect(Array.from({ length: 5 }, again)).toEqual(a);
    expect(Array.from({ length: 5 }, other)).not.toEqual(a);
  });

  it('makes 200 rows that POST /predict scores one by one, every answer 200', async () => {
    const next = payloads.createRowGenerator(target.instance, { seed: 5, nullRate: 0.1 });
    const statuses: Record<number, number> = {};
    for (let i = 0; i < 200; i++) {
      const response = await post('/predict', next());
      const body = (await response.json()) as { probability?: number; error?: string };
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      if (response.status !== 200) throw new Error(`row ${i}: ${body.error}`);
      expect(body.probability).toBeGreaterThanOrEqual(0);
    }
    expect(statuses).toEqual({ 200: 200 });
  });

  it('makes a V2 infer request of 200 rows, one input per raw column, that scores 200 rows', async () => {
    const next = payloads.createRowGenerator(target.instance, { seed: 9, nullRate: 0.1 });
    const rows = Array.from({ length: 200 }, next);
    const response = await post(
      `/v2/models/${target.model}/infer`,
      payloads.buildV2Request(rows, target.rawInputs),
    );
    const body = (await response.json()) as { outputs?: { name: string; data: number[] }[] };
    expect(response.status).toBe(200);
    expect(body.outputs?.find((output) => output.name === 'probability')?.data).toHaveLength(200);
  });
});

describe('npm run load:local (load/run-local.ts)', () => {
  it('passes the smoke scenario against the real service, exit 0, with a table and a summary file', async () => {
    const run = await runLocal(['--scenario', 'smoke', '--scale', '0.1']);
    expect(run.stdout).toMatch(/PASS\s+error rate/);
    expect(run.stdout).toMatch(/PASS\s+p99 latency/);
    expect(run.stdout).toContain('all thresholds passed');
    expect(run.code).toBe(0);
    const summary = JSON.parse(
      await readFile(join(resultsDir, 'smoke-local-summary.json'), 'utf8'),
    );
    expect(summary).toMatchObject({ scenario: 'smoke', passed: true, failedChecks: {} });
    expect(summary.requests).toBeGreaterThan(10);
  });

  it('fails with exit 1 naming the threshold when P99_MS is impossibly tight', async () => {
    const run = await runLocal(['--scenario', 'smoke', '--scale', '0.05'], { P99_MS: '0.001' });
    expect(run.stdout).toMatch(/FAIL\s+p99 latency/);
    expect(run.stdout).toContain('THRESHOLDS FAILED');
    expect(run.code).toBe(1);
  });

  it.each([
    ['an unknown scenario', ['--scenario', 'soak'], 'Unknown scenario `soak`'],
    ['a bad scale', ['--scale', '0'], '--scale must be a positive number'],
    ['no service at the URL', ['--url', 'http://127.0.0.1:9'], 'is the service running?'],
  ])('exits 2 on %s, saying why', async (_title, args, message) => {
    const run = await runLocal(args);
    expect(run.stderr).toContain(message);
    expect(run.code).toBe(2);
  });
});

// --- internal ---

function post(path: string, body: unknown): Promise<Response> {
  return fetch(`${service.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function runLocal(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const argv = ['--url', service.url, '--results-dir', resultsDir, ...args];
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', join(LOAD, 'run-local.ts'), ...argv],
      { cwd: WORKSPACE_ROOT, env: { ...process.env, ...env } },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
