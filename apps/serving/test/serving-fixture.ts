import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FeatureSpec } from '@modelship/features';
import { BUNDLE_FILES, loadBundleJson } from '@modelship/model-bundle';
import supertest from 'supertest';
import type { ServingConfig } from '../src/config/serving-config.js';
import { loadServingConfig } from '../src/config/serving-config.js';
import { createServingContext } from '../src/create-serving-context.js';
import type { RunningServer } from '../src/http/start-server.js';
import { startServer } from '../src/http/start-server.js';
import { loadServedModel } from '../src/models/load-served-model.js';
import type { ModelVersion } from '../src/models/model-version.js';
import type { ServingContext } from '../src/serving-context.js';
import type { FixtureModel } from './fixture-models.js';
import { FIXTURE_MODELS, fixtureEnvName } from './fixture-models.js';

export type { FixtureModel } from './fixture-models.js';
export { FIXTURE_MODELS } from './fixture-models.js';

/**
 * A fixture workspace global-setup built: params.yaml, data, and a registry holding the model
 * (`FIXTURE_MODELS[dataset]`) as v1 in production. `churn` is the sample's binary model; `binary`
 * (loans), `multiclass` (tickets) and `regression` (listings) are trained on generated datasets
 * with an id column, an ignored column and missing values.
 */
export function fixtureDir(dataset: FixtureModel = 'churn'): string {
  const name = fixtureEnvName(dataset);
  const dir = process.env[name];
  if (!dir) throw new Error(`${name} is not set: run the specs through jest.config.js.`);
  return dir;
}

/** The fixture's registry, as a file: URL any process can open. */
export function fixtureRegistryUrl(dataset: FixtureModel = 'churn'): string {
  return `file:${join(fixtureDir(dataset), '.modelship', 'registry')}`;
}

/** The fixture's trained bundle folder (unregistered copy from artifacts/bundle). */
export function fixtureBundleDir(dataset: FixtureModel = 'churn'): string {
  return join(fixtureDir(dataset), 'artifacts', 'bundle');
}

/** The feature spec of a fixture's trained bundle, as the loader reads it. */
export function readFixtureFeatureSpec(dataset: FixtureModel = 'churn'): Promise<FeatureSpec> {
  return loadBundleJson<FeatureSpec>(fixtureBundleDir(dataset), BUNDLE_FILES.featureSpec);
}

/** A private copy of a fixture workspace, for tests that tamper with bundles or the registry. */
export async function copyFixture(
  dataset: FixtureModel = 'churn',
): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'serving-spec-'));
  await cp(fixtureDir(dataset), dir, { recursive: true });
  // A model fetch that a closing server started can still be writing into the copy's cache:
  // retry the removal (Node retries ENOTEMPTY and EBUSY) instead of failing the suite's teardown.
  return {
    dir,
    remove: () => rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 }),
  };
}

/** The environment a test server runs with: the fixture registry, one worker, no logs. */
export function testEnv(
  overrides: Record<string, string> = {},
  dataset: FixtureModel = 'churn',
): Record<string, string> {
  return {
    PORT: '0',
    HOST: '127.0.0.1',
    WORKERS: '1',
    LOG_LEVEL: 'silent',
    MODEL_REGISTRY: fixtureRegistryUrl(dataset),
    // The fixture's model, whatever the workspace's own params.yaml calls its model.
    MODEL_NAME: FIXTURE_MODELS[dataset],
    MODEL_CACHE_DIR: join(tmpdir(), `serving-cache-${process.pid}`),
    ...overrides,
  };
}

export interface TestServer {
  ctx: ServingContext;
  running: RunningServer;
  config: ServingConfig;
  http: ReturnType<typeof supertest>;
  close: () => Promise<void>;
}

/** Starts a real service on a free loopback port and loads its model, as main.ts does. */
export async function startTestServer(
  overrides: Record<string, string> = {},
  dataset: FixtureModel = 'churn',
): Promise<TestServer> {
  const config = loadServingConfig(testEnv(overrides, dataset), fixtureDir(dataset));
  const ctx = createServingContext(config);
  const running = await startServer(ctx);
  await loadServedModel(ctx);
  return { ctx, running, config, http: supertest(running.url), close: running.shutdown };
}

/** The test server's stable model; fails the test when none is loaded. */
export function stableModel(server: TestServer): ModelVersion {
  const model = server.ctx.slots.stable;
  if (!model) throw new Error(`No model loaded: ${server.ctx.status.loadError}`);
  return model;
}
