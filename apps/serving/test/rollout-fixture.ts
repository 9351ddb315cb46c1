import { appendFile, cp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BundleMetadata } from '@modelship/model-bundle';
import { finalizeBundle } from '@modelship/model-bundle';
import type { ModelRegistry } from '@modelship/model-registry';
import { openRegistry } from '@modelship/model-registry';
import { buildExampleRow } from '../src/input/build-example-row.js';
import { streamCsvRows } from '@modelship/data-validation';
import type { Response } from 'supertest';
import { compileInstanceRules } from '../src/input/instance-rules.js';
import type { RolloutStatus } from '../src/rollouts/rollout-types.js';
import type { FixtureModel, TestServer } from './serving-fixture.js';
import {
  copyFixture,
  FIXTURE_MODELS,
  fixtureBundleDir,
  fixtureDir,
  stableModel,
  startTestServer,
} from './serving-fixture.js';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';
/** The Authorization header the admin API takes. */
export const ADMIN_AUTH = `Bearer ${ADMIN_TOKEN}`;

/** A private registry with a fixture model's v1 in production, for tests that change it. */
export interface RegistryCopy {
  dir: string;
  url: string;
  registry: ModelRegistry;
  /**
   * Registers another version of the fixture model: a copy of its bundle, of the bundle of
   * fixture `from` (a model of the same name, e.g. `gbdt` for `churn`), or of the bundle folder
   * `bundle` (an imported fixture's); `threshold` changes its labels.
   */
  registerVersion: (options?: {
    threshold?: number;
    stage?: 'staging';
    from?: FixtureModel;
    bundle?: string;
  }) => Promise<number>;
  /** Starts a service on this registry (admin API on), as main.ts does, watcher included. */
  startServer: (env?: Record<string, string>) => Promise<TestServer>;
  remove: () => Promise<void>;
}

/** Copies the registry of a fixture model (`churn` by default, or one of another task). */
export async function copyRegistry(dataset: FixtureModel = 'churn'): Promise<RegistryCopy> {
  const copy = await copyFixture(dataset);
  const url = `file:${join(copy.dir, '.modelship', 'registry')}`;
  const registry = await openRegistry(url);
  const servers: TestServer[] = [];
  let made = 0;
  return {
    dir: copy.dir,
    url,
    registry,
    registerVersion: async ({ threshold, stage, from = dataset, bundle } = {}) => {
      const dir = join(copy.dir, `bundle-${++made}`);
      await cp(bundle ?? fixtureBundleDir(from), dir, { recursive: true });
      // Another file content makes another version; the threshold changes what it predicts.
      await appendFile(join(dir, 'card.md'), `\nRetrained copy ${made} for rollout tests.\n`);
      const metadata = JSON.parse(
        await readFile(join(dir, 'metadata.json'), 'utf8'),
      ) as BundleMetadata;
      const { files: _files, ...rest } = metadata;
      if (threshold !== undefined) rest.metrics = { ...rest.metrics, threshold };
      await finalizeBundle(dir, rest);
      const { version } = await registry.registerModel(dir, { reason: 'rollout test' });
      if (stage) await registry.promote(version.name, version.version, stage);
      return version.version;
    },
    startServer: async (env = {}) => {
      const server = await startTestServer(
        {
          MODEL_REGISTRY: url,
          MODEL_CACHE_DIR: join(copy.dir, 'cache'),
          ADMIN_TOKEN,
          REGISTRY_POLL_MS: '0',
          ...env,
        },
        dataset,
      );
      server.ctx.registryWatcher.start();
      servers.push(server);
      return server;
    },
    remove: async () => {
      for (const server of servers) {
        server.ctx.registryWatcher.stop();
        server.ctx.rollouts.stop();
      }
      await Promise.all(servers.map((server) => server.close()));
      await copy.remove();
    },
  };
}

/** Polls `probe` until it returns a value other than undefined, or fails after `ms`. */
export async function waitFor<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  what: string,
  ms = 10_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${ms} ms waiting for ${what}.`);
    await sleep(20);
  }
}

/** The value of one metric series in the service's /metrics text, or 0 when absent. */
export async function readMetric(server: TestServer, series: string): Promise<number> {
  const text = (await server.http.get('/metrics')).text;
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

/** The fixture's example row: a valid /predict body. */
export function exampleRow(server: TestServer): Record<string, unknown> {
  const model = server.ctx.slots.stable;
  if (!model) throw new Error('no stable model');
  return buildExampleRow(model.featureSpec, model.inputSchema);
}

/** The rollout state the admin API reports. */
export async function readRolloutStatus(server: TestServer): Promise<RolloutStatus> {
  return (await server.http.get('/admin/rollout').set('Authorization', ADMIN_AUTH).expect(200))
    .body;
}

/**
 * Clients sending the example row to /predict back to back until stopped; `record` turns each
 * answer into what the test keeps (and may assert on it).
 */
export function sendTraffic<T>(
  server: TestServer,
  clients: number,
  record: (response: Response) => T,
) {
  const answers: T[] = [];
  let running = true;
  const row = exampleRow(server);
  const loops = Array.from({ length: clients }, async () => {
    while (running) answers.push(record(await server.http.post('/predict').send(row)));
  });
  return {
    answers,
    stop: async () => {
      running = false;
      await Promise.all(loops);
      return answers;
    },
  };
}

/**
 * Starts a canary of `version` whose steps wait for the live-quality check: short intervals, a
 * loose latency limit (so only labels can fail it), 10 labelled rows per side and two failed
 * intervals before a rollback; `options` add or override rollout fields. Resolves once the
 * canary's model is loaded.
 */
export async function startLiveQualityCanary(
  server: TestServer,
  version: number,
  options: Record<string, unknown> = {},
): Promise<void> {
  await server.http
    .post('/admin/rollout')
    .set('Authorization', ADMIN_AUTH)
    .send({
      strategy: 'canary',
      version,
      steps: [0.2, 0.4, 0.6, 0.8, 1],
      intervalMs: 300,
      minSamples: 10,
      maxP99Ratio: 50,
      p99ToleranceMs: 1000,
      minLabelledRows: 10,
      failureThreshold: 2,
      ...options,
    })
    .expect(202);
  await waitFor(async () => server.ctx.slots.get('canary'), 'the canary to load');
}

/** The rollout status once one of its intervals passed the error-rate check (before labels). */
export function waitForErrorRatePassed(server: TestServer): Promise<RolloutStatus> {
  return waitFor(async () => {
    const current = await readRolloutStatus(server);
    return current.checks.some((c) => c.check === 'error_rate' && c.result === 'passed')
      ? current
      : undefined;
  }, 'an interval whose error rate passed');
}

/** Posts true labels to /feedback in batches of 500, each of which must join every item. */
export async function postFeedback(
  server: TestServer,
  feedback: readonly { predictionId: string; label: unknown }[],
): Promise<void> {
  for (let i = 0; i < feedback.length; i += 500) {
    const batch = feedback.slice(i, i + 500);
    const { body } = await server.http.post('/feedback').send({ feedback: batch }).expect(200);
    expect(body.counts.joined).toBe(batch.length);
  }
}

/** The rollout status once the rollout was rolled back. */
export function waitForRollback(server: TestServer): Promise<RolloutStatus> {
  return waitFor(async () => {
    const current = await readRolloutStatus(server);
    return current.state === 'rolled_back' ? current : undefined;
  }, 'the rollback');
}

/** A row of a fixture's CSV, as /predict takes it, with its true label (the target's text). */
export interface LabelledRow {
  instance: Record<string, string>;
  truth: string;
}

/** The first `count` rows of fixture `dataset`'s CSV, limited to the columns the served model takes. */
export async function readLabelledRows(
  server: TestServer,
  count: number,
  dataset: FixtureModel = 'churn',
): Promise<LabelledRow[]> {
  const model = stableModel(server);
  const target = model.metadata.target.column;
  const inputs = compileInstanceRules(model.featureSpec, model.inputSchema).allowed;
  const rows: LabelledRow[] = [];
  const csv = join(fixtureDir(dataset), 'data', `${FIXTURE_MODELS[dataset]}.csv`);
  for await (const { values } of streamCsvRows(csv)) {
    const instance = Object.fromEntries(Object.entries(values).filter(([key]) => inputs.has(key)));
    rows.push({ instance, truth: String(values[target]) });
    if (rows.length === count) break;
  }
  return rows;
}

/** One /predict answer during a labelled canary, with the row's true label. */
export interface CanaryAnswer {
  predictionId: string;
  variant: string;
  version: string;
  label: string;
  probability: number;
  truth: string;
}

/**
 * Sends real rows to /predict in batches of 20, posting their true labels after each batch,
 * until the rollout is promoted or rolled back; every answer must be a 200.
 */
export async function runLabelledCanary(
  server: TestServer,
  rows: readonly LabelledRow[],
): Promise<{ status: RolloutStatus; answers: CanaryAnswer[] }> {
  const answers: CanaryAnswer[] = [];
  let next = 0;
  const status = await waitFor(
    async () => {
      const batch = Array.from({ length: 20 }, () => rows[next++ % rows.length] as LabelledRow);
      for (const { instance, truth } of batch) {
        const response = await server.http.post('/predict').send(instance);
        expect(response.status).toBe(200);
        const { predictionId, variant, label, probability } = response.body;
        const version = response.headers['x-model-version'] as string;
        answers.push({ predictionId, variant, version, label, probability, truth });
      }
      await postFeedback(
        server,
        answers.slice(-batch.length).map((a) => ({ predictionId: a.predictionId, label: a.truth })),
      );
      const current = await readRolloutStatus(server);
      return ['promoted', 'rolled_back'].includes(current.state) ? current : undefined;
    },
    'the canary to end',
    60_000,
  );
  return { status, answers };
}
