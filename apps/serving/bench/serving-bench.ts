// Serving benchmark: single-row POST /predict driven by wrk (one thread; autocannon in this
// process when wrk is not installed, or BENCH_DRIVER=autocannon) against, side by side in one run
// on the same bundle, (a) a bare node:http server that parses the raw JSON row and calls the
// onnxruntime-node session in-process (the baseline), (b) the same bare server sending the
// headers the service's answer carries, (c) the service with every feature on in one process
// (WORKERS=1), batching off, (d) the same with BATCHING=on, and (e, f) both on every core
// (CLUSTER_WORKERS=auto). Prints req/s, p50 and p99, the ratio to the baseline (and, for a
// cluster, to the same service in one process) at each concurrency, then the latency at half of
// each server's best throughput (wrk: paced by think times; autocannon: bursts). The service
// runs as the image runs it: the production build (`build/build-serving.ts`, rebuilt first);
// BENCH_SOURCE=1 runs src/main.ts under tsx instead.
// Run: `npx nx run serving:bench`; BENCH_SECONDS (5), BENCH_WARMUP_SECONDS (2),
// BENCH_CONNECTIONS (1,16,64), BENCH_TARGETS (baseline,headers,off,on,cluster,cluster-on),
// BENCH_ROUNDS (3) and BENCH_DRIVER (wrk when installed, else autocannon) change the runs;
// BENCH_MODEL picks the test fixture's model: churn (the sample, default), binary, multiclass or
// regression (each trained on a generated dataset of another shape: an id column, an ignored
// one, missing values) or gbdt (gradient-boosted trees on the sample).
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DatasetSchema } from '@modelship/data-validation';
import type { FeatureSpec } from '@modelship/features';
import type { BundleMetadata } from '@modelship/model-bundle';
import { BUNDLE_FILES, getBundleTask, loadBundleJson } from '@modelship/model-bundle';
import globalSetup from '../test/global-setup.js';
import type { FixtureModel } from '../test/serving-fixture.js';
import { FIXTURE_MODELS, fixtureBundleDir } from '../test/serving-fixture.js';
import { buildExampleRow } from '../src/input/build-example-row.js';
import { readChoice } from '../src/config/parse-env-values.js';
import type { LoadResult } from './drive-load.js';
import type { LoadDriver } from './drive-load.js';
import { chooseLoadDriver, driveLoad } from './drive-load.js';
import { buildServiceBundle } from './build-service-bundle.js';
import type { BenchServer } from './start-bench-server.js';
import { startBenchServer } from './start-bench-server.js';

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 5);
const WARMUP_SECONDS = Number(process.env['BENCH_WARMUP_SECONDS'] ?? 2);
const CONNECTIONS = (process.env['BENCH_CONNECTIONS'] ?? '1,16,64').split(',').map(Number);
const ONLY = (process.env['BENCH_TARGETS'] ?? 'baseline,headers,off,on,cluster,cluster-on').split(
  ',',
);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);
const MODEL = readChoice(
  process.env,
  'BENCH_MODEL',
  Object.keys(FIXTURE_MODELS) as FixtureModel[],
  'churn',
);
const HERE = import.meta.dirname;
// The service as the image runs it (the production bundle), unless BENCH_SOURCE=1: src under tsx.
const FROM_SOURCE = process.env['BENCH_SOURCE'] === '1';
const SERVICE_ENV = {
  WORKERS: '1',
  LOG_LEVEL: 'info',
  // Every optional feature that costs per request is on: the admin API (rollout routing).
  ADMIN_TOKEN: 'bench-admin-token-0123456789',
};

/**
 * One load run, with the server's CPU time per answered request (contention-proof), the cores
 * the server and the load generator used, and the cores the server's processes could have had:
 * at most one each, one per connection (a connection waits for each answer, so it keeps one
 * process busy at a time), and no more than the machine's minus the load generator's.
 */
type RunResult = LoadResult & {
  cpuMicrosPerRequest: number;
  cores: number;
  driverCores: number;
  coresLeft: number;
};
/** A target's runs: per concurrency one per round, and one half-load run per round. */
interface TargetResult {
  runs: Map<number, RunResult[]>;
  halfLoad: LoadResult[];
}

interface Target {
  id: 'baseline' | 'headers' | 'off' | 'on' | 'cluster' | 'cluster-on';
  name: string;
  /** Its processes that answer requests, each on at most one core. */
  processes: number;
  /** For a cluster: the one-process target it is compared with ("x 1 process"). */
  single?: Target['id'];
  start: (service: string, bundle: string, work: string) => Promise<BenchServer>;
}

const TARGETS: Target[] = [
  {
    id: 'baseline',
    processes: 1,
    name: 'bare node:http + onnxruntime, raw JSON row (baseline)',
    start: (_service, bundle) =>
      startBenchServer(join(HERE, 'bare-onnx-server.ts'), [bundle], {}, '/'),
  },
  {
    id: 'headers',
    processes: 1,
    name: "the same with the service's answer headers",
    start: (_service, bundle) =>
      startBenchServer(
        join(HERE, 'bare-onnx-server.ts'),
        [bundle],
        { BARE_HEADERS: 'service' },
        '/',
      ),
  },
  {
    id: 'off',
    processes: 1,
    name: 'service, 1 process, batching off',
    start: (service, bundle, work) => startService(service, bundle, work, { BATCHING: 'off' }),
  },
  {
    id: 'on',
    processes: 1,
    name: 'service, 1 process, batching on',
    start: (service, bundle, work) => startService(service, bundle, work, { BATCHING: 'on' }),
  },
  {
    id: 'cluster',
    processes: availableParallelism(),
    name: `service, ${availableParallelism()} processes (every core), batching off`,
    single: 'off',
    start: (service, bundle, work) =>
      startService(service, bundle, work, { BATCHING: 'off', CLUSTER_WORKERS: 'auto' }),
  },
  {
    id: 'cluster-on',
    processes: availableParallelism(),
    name: `service, ${availableParallelism()} processes (every core), batching on`,
    single: 'on',
    start: (service, bundle, work) =>
      startService(service, bundle, work, { BATCHING: 'on', CLUSTER_WORKERS: 'auto' }),
  },
];

/**
 * Runs every target at every concurrency, BENCH_ROUNDS times, and prints the medians. Every
 * target is started first and the rounds alternate between them (a different one first each
 * round), so a shared machine's slow minutes fall on every target alike rather than on whichever
 * happened to run then; ratios are taken within a round, then their median.
 */
export async function runServingBench(log = (line: string) => process.stdout.write(`${line}\n`)) {
  await globalSetup();
  const bundle = fixtureBundleDir(MODEL);
  const spec = await loadBundleJson<FeatureSpec>(bundle, BUNDLE_FILES.featureSpec);
  const schema = await loadBundleJson<DatasetSchema>(bundle, BUNDLE_FILES.inputSchema);
  const body = JSON.stringify(buildExampleRow(spec, schema));
  const work = await mkdtemp(join(tmpdir(), 'modelship-serving-bench-'));
  const service = FROM_SOURCE ? join(HERE, '..', 'src', 'main.ts') : await buildServiceBundle();
  const driver = await chooseLoadDriver();
  log(
    `serving benchmark: ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown'}), node ${process.version}; ` +
      `${driver === 'wrk' ? 'wrk (one thread) drives the load' : 'autocannon runs in this process and takes most of one core (install wrk for a lighter load generator)'}; ${SECONDS} s per run after ${WARMUP_SECONDS} s warm-up, ` +
      `${ROUNDS} rounds alternating between the servers, medians (range); ` +
      `service: ${FROM_SOURCE ? 'src/main.ts under tsx (BENCH_SOURCE=1)' : 'the production build, dist/apps/serving/main.js'}`,
  );
  const metadata = await loadBundleJson<BundleMetadata>(bundle, BUNDLE_FILES.metadata);
  log(
    `model: ${MODEL} (${metadata.name}, ${getBundleTask(metadata)}, ${schema.columns.length} input columns, ` +
      `${spec.width} features); one row: ${body}`,
  );
  const started: { target: Target; server: BenchServer; url: string; result: TargetResult }[] = [];
  const results = new Map<Target['id'], TargetResult>();
  try {
    for (const target of TARGETS.filter((t) => ONLY.includes(t.id))) {
      const server = await target.start(service, bundle, work);
      const result: TargetResult = { runs: new Map(), halfLoad: [] };
      started.push({ target, server, url: `${server.url}/predict`, result });
      results.set(target.id, result);
      await driveLoad(
        {
          url: `${server.url}/predict`,
          body,
          connections: 16,
          seconds: WARMUP_SECONDS,
        },
        driver,
      );
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const connections of CONNECTIONS) {
        for (const { target, server, url, result } of rotate(started, round)) {
          const cpuBefore = server.cpuSeconds();
          const run = await driveLoad({ url, body, connections, seconds: SECONDS }, driver);
          const cpu = server.cpuSeconds() - cpuBefore;
          const driverCores = run.driverCpuSeconds / SECONDS;
          result.runs.set(connections, [
            ...(result.runs.get(connections) ?? []),
            {
              ...run,
              cpuMicrosPerRequest: (cpu * 1e6) / (run.rps * SECONDS),
              cores: cpu / SECONDS,
              driverCores,
              coresLeft: Math.min(
                target.processes,
                connections,
                availableParallelism() - (Number.isNaN(driverCores) ? 0 : driverCores),
              ),
            },
          ]);
        }
      }
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const { url, result } of rotate(started, round)) {
        const best = Math.max(
          ...[...result.runs.values()].map((runs) => median(runs.map((r) => r.rps))),
        );
        result.halfLoad.push(
          await driveLoad(
            {
              url,
              body,
              connections: 16,
              seconds: SECONDS,
              overallRate: Math.max(1, Math.round(best / 2)),
            },
            driver,
          ),
        );
      }
    }
  } finally {
    await Promise.all(started.map(({ server }) => server.stop()));
    await rm(work, { recursive: true, force: true });
  }
  printTable(results, driver, log);
  return results;
}

// --- internal ---

async function startService(
  service: string,
  bundle: string,
  work: string,
  env: Record<string, string>,
) {
  const server = await startBenchServer(
    service,
    [],
    {
      ...SERVICE_ENV,
      ...env,
      MODEL_DIR: bundle,
      MODEL_CACHE_DIR: join(work, 'cache'),
      FEEDBACK_STORE: `file:${join(work, 'feedback')}`,
    },
    '/health/ready',
  );
  // A cluster is ready once one process is; the load waits for every process's model.
  const processes = env['CLUSTER_WORKERS'] === 'auto' ? availableParallelism() : 1;
  while ((await readLoadedModels(server.url)) < processes) await sleep(200);
  return server;
}

async function readLoadedModels(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text
    .split('\n')
    .find((l) => l.startsWith('modelship_model_load_total{result="success"} '));
  return Number(line?.split(' ').at(-1) ?? 0);
}

function printTable(
  results: Map<Target['id'], TargetResult>,
  driver: LoadDriver,
  log: (line: string) => void,
): void {
  const baseline = results.get('baseline');
  const rows = [
    [
      'server',
      'conns',
      'req/s',
      'p50 ms',
      'p99 ms',
      'x baseline',
      'x 1 process',
      'per core left',
      'CPU µs/req',
      'cores',
      'driver cores',
      'failed',
    ],
  ];
  // The ratio of `measure` for each round's run to the same round's run of `base`: their median
  // (range). Requests per second by default; per core left for the every-core target.
  const ratio = (
    runs: RunResult[],
    base: RunResult[] | undefined,
    measure = (run: RunResult) => run.rps,
  ) =>
    base
      ? describe(
          runs.map((run, round) => measure(run) / measure(base[round])),
          2,
        )
      : '-';
  const perCoreLeft = (run: RunResult) => run.rps / run.coresLeft;
  for (const [id, { runs: byConnections }] of results) {
    const single = TARGETS.find((target) => target.id === id)?.single;
    for (const [connections, runs] of byConnections) {
      rows.push([
        nameOf(id),
        String(connections),
        describe(
          runs.map((run) => run.rps),
          0,
        ),
        median(runs.map((run) => run.p50)).toFixed(2),
        median(runs.map((run) => run.p99)).toFixed(2),
        id === 'baseline' ? '1.00' : ratio(runs, baseline?.runs.get(connections)),
        single ? ratio(runs, results.get(single)?.runs.get(connections)) : '-',
        single ? ratio(runs, results.get(single)?.runs.get(connections), perCoreLeft) : '-',
        median(runs.map((run) => run.cpuMicrosPerRequest)).toFixed(0),
        median(runs.map((run) => run.cores)).toFixed(2),
        median(runs.map((run) => run.driverCores)).toFixed(2),
        String(runs.reduce((sum, run) => sum + run.failures, 0)),
      ]);
    }
  }
  log(formatColumns(rows));
  log(
    `\ncores: the server's processes' CPU time over the run's; driver cores: the load ` +
      `generator's, on the same ${availableParallelism()} cores. per core left: x 1 process over ` +
      `the ratio of the cores each could have had (one per process and per connection, at most ` +
      `the machine's minus the driver's). The every-core target is 0.8 per core: x 1 process ` +
      `shows 0.8 x ${availableParallelism()} only where the driver runs on other cores.`,
  );
  log(
    `\nlatency at half of each server's best throughput (16 connections; ${
      driver === 'wrk'
        ? 'wrk, each connection waiting a random think time between answer and next request'
        : "autocannon overallRate: it sends each second's quota at full speed, then waits, so this p99 is a burst's"
    }):`,
  );
  const half = [['server', 'rate req/s', 'p50 ms', 'p99 ms', 'p99 < 5 ms']];
  for (const [id, { halfLoad }] of results) {
    const p99 = median(halfLoad.map((run) => run.p99));
    half.push([
      nameOf(id),
      describe(
        halfLoad.map((run) => run.rps),
        0,
      ),
      median(halfLoad.map((run) => run.p50)).toFixed(2),
      describe(
        halfLoad.map((run) => run.p99),
        2,
      ),
      p99 < 5 ? 'yes' : 'NO',
    ]);
  }
  log(formatColumns(half));
}

function nameOf(id: Target['id']): string {
  return TARGETS.find((target) => target.id === id)?.name ?? id;
}

// The targets in round-robin order, starting at a different one each round.
function rotate<T>(items: readonly T[], round: number): T[] {
  const start = round % items.length;
  return [...items.slice(start), ...items.slice(0, start)];
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

// `median` alone for one value, else `median (min-max)`.
function describe(values: readonly number[], digits: number): string {
  const text = median(values).toFixed(digits);
  if (values.length === 1) return text;
  return `${text} (${Math.min(...values).toFixed(digits)}-${Math.max(...values).toFixed(digits)})`;
}

function formatColumns(rows: string[][]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) =>
          column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]),
        )
        .join('  '),
    )
    .join('\n');
}

if (import.meta.filename === process.argv[1]) await runServingBench();
