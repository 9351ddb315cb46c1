// Serving benchmark: single-row POST /predict driven by autocannon against, side by side in one
// run on the same bundle, (a) a bare node:http server that parses the raw JSON row and calls the
// onnxruntime-node session in-process (the baseline), (b) the service with every feature on in
// one process (WORKERS=1), batching off, (c) the same with BATCHING=on, and (d) the service on
// every core (CLUSTER_WORKERS=auto). Prints req/s, p50 and p99, the ratio to the baseline (and,
// for the cluster, to one process) at each concurrency, then the latency at half of each
// server's best throughput. The service runs as the image runs it: the production build
// (`build/build-serving.ts`, rebuilt first); BENCH_SOURCE=1 runs src/main.ts under tsx instead.
// Run: `npx nx run serving:bench`; BENCH_SECONDS (5), BENCH_WARMUP_SECONDS (2),
// BENCH_CONNECTIONS (1,16,64) and BENCH_TARGETS (baseline,off,on,cluster) change the runs.
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DatasetSchema } from '@modelship/data-validation';
import type { FeatureSpec } from '@modelship/features';
import { BUNDLE_FILES, loadBundleJson } from '@modelship/model-bundle';
import globalSetup from '../test/global-setup.js';
import { fixtureBundleDir } from '../test/serving-fixture.js';
import { buildExampleRow } from '../src/input/build-example-row.js';
import type { LoadResult } from './drive-load.js';
import { driveLoad } from './drive-load.js';
import { buildServiceBundle } from './build-service-bundle.js';
import type { BenchServer } from './start-bench-server.js';
import { startBenchServer } from './start-bench-server.js';

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 5);
const WARMUP_SECONDS = Number(process.env['BENCH_WARMUP_SECONDS'] ?? 2);
const CONNECTIONS = (process.env['BENCH_CONNECTIONS'] ?? '1,16,64').split(',').map(Number);
const ONLY = (process.env['BENCH_TARGETS'] ?? 'baseline,off,on,cluster').split(',');
const HERE = import.meta.dirname;
// The service as the image runs it (the production bundle), unless BENCH_SOURCE=1: src under tsx.
const FROM_SOURCE = process.env['BENCH_SOURCE'] === '1';
const SERVICE_ENV = {
  WORKERS: '1',
  LOG_LEVEL: 'info',
  // Every optional feature that costs per request is on: the admin API (rollout routing).
  ADMIN_TOKEN: 'bench-admin-token-0123456789',
};

/** One load run, with the server's CPU time per answered request (contention-proof). */
type RunResult = LoadResult & { cpuMicrosPerRequest: number };
interface TargetResult {
  runs: Map<number, RunResult>;
  halfLoad: LoadResult;
}

interface Target {
  id: 'baseline' | 'off' | 'on' | 'cluster';
  name: string;
  start: (service: string, bundle: string, work: string) => Promise<BenchServer>;
}

const TARGETS: Target[] = [
  {
    id: 'baseline',
    name: 'bare node:http + onnxruntime, raw JSON row (baseline)',
    start: (_service, bundle) =>
      startBenchServer(join(HERE, 'bare-onnx-server.ts'), [bundle], {}, '/'),
  },
  {
    id: 'off',
    name: 'service, 1 process, batching off',
    start: (service, bundle, work) => startService(service, bundle, work, { BATCHING: 'off' }),
  },
  {
    id: 'on',
    name: 'service, 1 process, batching on',
    start: (service, bundle, work) => startService(service, bundle, work, { BATCHING: 'on' }),
  },
  {
    id: 'cluster',
    name: `service, ${availableParallelism()} processes (every core), batching off`,
    start: (service, bundle, work) =>
      startService(service, bundle, work, { BATCHING: 'off', CLUSTER_WORKERS: 'auto' }),
  },
];

/** Runs every target at every concurrency and prints the table; returns the measurements. */
export async function runServingBench(log = (line: string) => process.stdout.write(`${line}\n`)) {
  await globalSetup();
  const bundle = fixtureBundleDir();
  const spec = await loadBundleJson<FeatureSpec>(bundle, BUNDLE_FILES.featureSpec);
  const schema = await loadBundleJson<DatasetSchema>(bundle, BUNDLE_FILES.inputSchema);
  const body = JSON.stringify(buildExampleRow(spec, schema));
  const work = await mkdtemp(join(tmpdir(), 'modelship-serving-bench-'));
  const service = FROM_SOURCE ? join(HERE, '..', 'src', 'main.ts') : await buildServiceBundle();
  log(
    `serving benchmark: ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown'}), node ${process.version}; ` +
      `autocannon runs in this process and takes most of one core; ${SECONDS} s per run after ${WARMUP_SECONDS} s warm-up; ` +
      `service: ${FROM_SOURCE ? 'src/main.ts under tsx (BENCH_SOURCE=1)' : 'the production build, dist/apps/serving/main.js'}`,
  );
  const results = new Map<string, TargetResult>();
  try {
    for (const target of TARGETS.filter((t) => ONLY.includes(t.id))) {
      const server = await target.start(service, bundle, work);
      try {
        const url = `${server.url}/predict`;
        await driveLoad({ url, body, connections: 16, seconds: WARMUP_SECONDS });
        const runs = new Map<number, RunResult>();
        for (const connections of CONNECTIONS) {
          const cpuBefore = server.cpuSeconds();
          const run = await driveLoad({ url, body, connections, seconds: SECONDS });
          const cpu = server.cpuSeconds() - cpuBefore;
          runs.set(connections, { ...run, cpuMicrosPerRequest: (cpu * 1e6) / (run.rps * SECONDS) });
        }
        const best = Math.max(...[...runs.values()].map((run) => run.rps));
        const halfLoad = await driveLoad({
          url,
          body,
          connections: 16,
          seconds: SECONDS,
          overallRate: Math.max(1, Math.round(best / 2)),
        });
        results.set(target.name, { runs, halfLoad });
      } finally {
        await server.stop();
      }
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  printTable(results, log);
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

function printTable(results: Map<string, TargetResult>, log: (line: string) => void): void {
  const baseline = results.get(TARGETS[0].name);
  const single = results.get(TARGETS[1].name);
  const rows = [
    [
      'server',
      'conns',
      'req/s',
      'p50 ms',
      'p99 ms',
      'x baseline',
      'x 1 process',
      'CPU µs/req',
      'failed',
    ],
  ];
  const ratio = (run: RunResult, base: RunResult | undefined) =>
    base ? (run.rps / base.rps).toFixed(2) : '-';
  for (const [name, { runs }] of results) {
    for (const [connections, run] of runs) {
      rows.push([
        name,
        String(connections),
        run.rps.toFixed(0),
        run.p50.toFixed(2),
        run.p99.toFixed(2),
        ratio(run, baseline?.runs.get(connections)),
        name === TARGETS[3].name ? ratio(run, single?.runs.get(connections)) : '-',
        run.cpuMicrosPerRequest.toFixed(0),
        String(run.failures),
      ]);
    }
  }
  log(formatColumns(rows));
  log(
    "\nlatency at half of each server's best throughput (16 connections, autocannon overallRate):",
  );
  const half = [['server', 'rate req/s', 'p50 ms', 'p99 ms', 'p99 < 5 ms']];
  for (const [name, { halfLoad }] of results) {
    half.push([
      name,
      halfLoad.rps.toFixed(0),
      halfLoad.p50.toFixed(2),
      halfLoad.p99.toFixed(2),
      halfLoad.p99 < 5 ? 'yes' : 'NO',
    ]);
  }
  log(formatColumns(half));
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
