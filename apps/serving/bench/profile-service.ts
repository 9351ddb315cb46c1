// CPU profile of the service under load: starts `src/main.ts` (or the script given) under
// `node --cpu-prof` on the test fixture bundle, drives single-row POST /predict (wrk when installed),
// stops it with SIGTERM (the profile is written on exit) and prints the functions with the most
// self time, grouped by where they live (node internals, express, pino, prom-client, the service).
// Run: `node --import tsx apps/serving/bench/profile-service.ts [server script [args]]`
// (bench/bare-onnx-server.ts is given the bundle);
// PROFILE_SECONDS (10), PROFILE_CONNECTIONS (16) and extra service variables from the environment (CLUSTER_WORKERS, ...).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DatasetSchema } from '@modelship/data-validation';
import type { FeatureSpec } from '@modelship/features';
import { BUNDLE_FILES, loadBundleJson } from '@modelship/model-bundle';
import { findFreePort } from '@modelship/core';
import globalSetup from '../test/global-setup.js';
import { fixtureBundleDir } from '../test/serving-fixture.js';
import { buildExampleRow } from '../src/input/build-example-row.js';
import { chooseLoadDriver, driveLoad } from './drive-load.js';

const SECONDS = Number(process.env['PROFILE_SECONDS'] ?? 10);
const TOP = Number(process.env['PROFILE_TOP'] ?? 25);
const CONNECTIONS = Number(process.env['PROFILE_CONNECTIONS'] ?? 16);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

await globalSetup();
const bundle = fixtureBundleDir();
const spec = await loadBundleJson<FeatureSpec>(bundle, BUNDLE_FILES.featureSpec);
const schema = await loadBundleJson<DatasetSchema>(bundle, BUNDLE_FILES.inputSchema);
const body = JSON.stringify(buildExampleRow(spec, schema));
const work = await mkdtemp(join(tmpdir(), 'modelship-serving-profile-'));
const script = process.argv[2] ?? join(import.meta.dirname, '..', 'src', 'main.ts');
// The bare server takes the bundle folder as its argument.
const scriptArgs = script.endsWith('bare-onnx-server.ts') ? [bundle] : process.argv.slice(3);
const port = await findFreePort();
const child = spawn(
  process.execPath,
  ['--cpu-prof', `--cpu-prof-dir=${join(work, 'prof')}`, '--import', 'tsx', script, ...scriptArgs],
  {
    env: {
      ...process.env,
      WORKERS: process.env['WORKERS'] ?? '1',
      LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'info',
      ADMIN_TOKEN: 'bench-admin-token-0123456789',
      MODEL_DIR: bundle,
      MODEL_CACHE_DIR: join(work, 'cache'),
      FEEDBACK_STORE: `file:${join(work, 'feedback')}`,
      PORT: String(port),
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  },
);
const url = `http://127.0.0.1:${port}`;
for (;;) {
  const ready = await fetch(`${url}/health/ready`).then(
    // The bare server answers a GET with 400; the service answers 503 until its model is ready.
    (response) => response.status < 500,
    () => false,
  );
  if (ready) break;
  await sleep(200);
}
const driver = await chooseLoadDriver();
await driveLoad({ url: `${url}/predict`, body, connections: CONNECTIONS, seconds: 2 }, driver);
const run = await driveLoad(
  { url: `${url}/predict`, body, connections: CONNECTIONS, seconds: SECONDS },
  driver,
);
const stopping = performance.now();
child.kill('SIGTERM');
await once(child, 'exit');
const stopMicros = (performance.now() - stopping) * 1000;
process.stdout.write(
  `${run.rps.toFixed(0)} req/s at ${CONNECTIONS} connections (${driver}) while profiled\n`,
);
for (const file of await readdir(join(work, 'prof'))) {
  const profile = JSON.parse(await readFile(join(work, 'prof', file), 'utf8')) as CpuProfile;
  process.stdout.write(`\n${file}\n${summarize(profile, stopMicros)}\n`);
}
await rm(work, { recursive: true, force: true });

// --- internal ---

// Only the samples of the measured load (the SECONDS before the shutdown began), not the start.
function countLoadHits(profile: CpuProfile, stopMicros: number): Map<number, number> {
  const times: number[] = [];
  let time = profile.startTime;
  for (const delta of profile.timeDeltas) times.push((time += delta));
  const to = profile.endTime - stopMicros - 0.1e6;
  const from = to - (SECONDS - 0.2) * 1e6;
  const hits = new Map<number, number>();
  profile.samples.forEach((id, index) => {
    if (times[index] >= from && times[index] <= to) hits.set(id, (hits.get(id) ?? 0) + 1);
  });
  return hits;
}

function summarize(profile: CpuProfile, stopMicros: number): string {
  const hits = countLoadHits(profile, stopMicros);
  let total = 0;
  let busy = 0;
  const byFunction = new Map<string, number>();
  const byArea = new Map<string, number>();
  for (const node of profile.nodes) {
    const { functionName, url: source, lineNumber } = node.callFrame;
    const count = hits.get(node.id) ?? 0;
    total += count;
    if (functionName === '(idle)' || count === 0) continue;
    busy += count;
    const key = `${functionName || '(anonymous)'} ${shorten(source)}:${lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + count);
    const area = classify(functionName, source);
    byArea.set(area, (byArea.get(area) ?? 0) + count);
  }
  const share = (hits: number) => `${((100 * hits) / busy).toFixed(1).padStart(5)}%`;
  const lines = [
    `under load: busy samples ${busy} of ${total}; self time by area (share of busy):`,
  ];
  for (const [area, count] of [...byArea].sort((a, b) => b[1] - a[1]).slice(0, TOP)) {
    lines.push(`  ${share(count)}  ${area}`);
  }
  lines.push(`top ${TOP} functions by self time:`);
  for (const [key, count] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, TOP)) {
    lines.push(`  ${share(count)}  ${key}`);
  }
  return lines.join('\n');
}

function classify(name: string, source: string): string {
  if (name === '(garbage collector)') return 'garbage collection';
  if (name === '(program)' || source === '') return 'native / runtime';
  const packageMatch = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  if (packageMatch) return packageMatch[1];
  if (source.startsWith('node:')) return 'node internals';
  const local = /(apps|libs)\/([^/]+)\/(?:src\/)?([^/]+)/.exec(source);
  if (local) return `${local[1]}/${local[2]}/${local[3]}`;
  return source;
}

function shorten(source: string): string {
  return source
    .replace(/^file:\/\//, '')
    .replace(/^.*node_modules\//, '')
    .replace(/^.*\/apps\//, 'apps/');
}
