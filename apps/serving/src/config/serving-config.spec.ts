import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadServingConfig } from './serving-config.js';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'serving-config-'));
  await writeFile(join(root, 'params.yaml'), 'model:\n  name: churn\nregistry:\n  url: file:reg\n');
});

describe('loadServingConfig', () => {
  it('defaults to the workspace registry, params.yaml model.name and the production stage', () => {
    const config = loadServingConfig({}, root);
    expect(config.model).toEqual({
      kind: 'registry',
      url: 'file:reg',
      name: 'churn',
      selector: { stage: 'production' },
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      maxInstances: 1000,
      bodyLimit: 1048576,
      adminToken: null,
      logLevel: 'info',
      logBufferBytes: 65_536,
    });
    expect(config.workers).toBeGreaterThan(0);
  });

  it('reads every variable', () => {
    const config = loadServingConfig(
      {
        PORT: '9000',
        HOST: '127.0.0.1',
        MODEL_REGISTRY: 'azblob://acct/models',
        MODEL_NAME: 'fraud',
        MODEL_VERSION: '3',
        WORKERS: '4',
        MAX_INSTANCES: '50',
        MAX_QUEUE: '8',
        BODY_LIMIT: '512kb',
        ADMIN_TOKEN: 'x'.repeat(32),
        LOG_BUFFER_BYTES: '0',
      },
      root,
    );
    expect(config).toMatchObject({
      port: 9000,
      host: '127.0.0.1',
      model: {
        kind: 'registry',
        url: 'azblob://acct/models',
        name: 'fraud',
        selector: { version: 3 },
      },
      workers: 4,
      maxInstances: 50,
      maxQueue: 8,
      bodyLimit: 512 * 1024,
      adminToken: 'x'.repeat(32),
      logBufferBytes: 0,
    });
  });

  it.each([
    [{}, null],
    [{ BATCHING: 'off', BATCH_MAX_ROWS: '8' }, null],
    [{ BATCHING: 'on' }, { maxRows: 64, maxDelayMs: 2, maxQueueRows: 1024, queueTimeoutMs: 1000 }],
    [
      {
        BATCHING: 'on',
        BATCH_MAX_ROWS: '32',
        BATCH_MAX_DELAY_MS: '0.5',
        BATCH_MAX_QUEUE_ROWS: '4096',
        BATCH_QUEUE_TIMEOUT_MS: '250',
      },
      { maxRows: 32, maxDelayMs: 0.5, maxQueueRows: 4096, queueTimeoutMs: 250 },
    ],
  ])('reads dynamic batching from %j', (env, batching) => {
    expect(loadServingConfig(env, root).batching).toEqual(batching);
  });

  it('uses a bundle folder from MODEL_DIR instead of the registry', () => {
    expect(loadServingConfig({ MODEL_DIR: 'models/churn' }, root).model).toEqual({
      kind: 'directory',
      dir: join(root, 'models/churn'),
    });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT="eighty": expected an integer from 0 to 65535.'],
    [{ PORT: '70000' }, 'PORT="70000": expected an integer from 0 to 65535.'],
    [{ WORKERS: '0' }, 'WORKERS="0": expected an integer from 1 to 256.'],
    [{ BODY_LIMIT: 'lots' }, 'BODY_LIMIT="lots": expected a size such as 1048576, 512kb or 1mb.'],
    [{ MODEL_STAGE: 'live' }, 'MODEL_STAGE="live": expected one of staging, production, archived.'],
    [
      { MODEL_STAGE: 'staging', MODEL_VERSION: '2' },
      'MODEL_VERSION="2": set MODEL_STAGE or MODEL_VERSION, not both.',
    ],
    [
      { ADMIN_TOKEN: 'short' },
      'ADMIN_TOKEN="<hidden>": use at least 16 characters, e.g. `openssl rand -hex 32`.',
    ],
    [{ UNKNOWN_CATEGORIES: 'drop' }, 'UNKNOWN_CATEGORIES="drop": expected one of accept, reject.'],
    [{ BATCHING: 'yes' }, 'BATCHING="yes": expected one of on, off.'],
    [
      { CLUSTER_BALANCE: 'round-robin' },
      'CLUSTER_BALANCE="round-robin": expected one of connections, kernel.',
    ],
    [{ LOG_BUFFER_BYTES: '4kb' }, 'LOG_BUFFER_BYTES="4kb": expected an integer from 0 to 1048576.'],
    [{ BATCH_MAX_ROWS: '0' }, 'BATCH_MAX_ROWS="0": expected an integer from 1 to 65536.'],
    [
      { BATCH_MAX_DELAY_MS: '-1' },
      'BATCH_MAX_DELAY_MS="-1": expected milliseconds from 0 to 60000, e.g. 2 or 0.5.',
    ],
    [
      { BATCH_QUEUE_TIMEOUT_MS: 'soon' },
      'BATCH_QUEUE_TIMEOUT_MS="soon": expected an integer from 1 to 9007199254740991.',
    ],
  ])('refuses %j with a message naming the variable', (env, message) => {
    expect(() => loadServingConfig(env, root)).toThrow(message);
  });
});

describe('loadServingConfig: monitoring and safety', () => {
  it('defaults to a 100000-row prediction log, the workspace feedback store, no rate limit, no CORS', () => {
    const config = loadServingConfig({}, root);
    expect(config.monitoring).toEqual({
      predictionLogSize: 100_000,
      predictionLogTtlMs: null,
      feedbackStore: { url: 'file:.modelship/feedback', root },
      feedbackWindow: 1000,
      driftWindow: 10_000,
    });
    expect(config.safety).toEqual({ rateLimit: null, corsOrigins: [] });
  });

  it('reads every monitoring and safety variable', () => {
    const config = loadServingConfig(
      {
        PREDICTION_LOG_SIZE: '500',
        PREDICTION_LOG_TTL_MS: '60000',
        FEEDBACK_STORE: 'file:/data/feedback',
        FEEDBACK_WINDOW: '200',
        DRIFT_WINDOW: '0',
        RATE_LIMIT_RPS: '50',
        CORS_ORIGINS: 'https://App.example.com, http://localhost:3000',
      },
      root,
    );
    expect(config.monitoring).toEqual({
      predictionLogSize: 500,
      predictionLogTtlMs: 60_000,
      feedbackStore: { url: 'file:/data/feedback', root },
      feedbackWindow: 200,
      driftWindow: 0,
    });
    expect(config.safety).toEqual({
      rateLimit: { rps: 50, burst: 50 },
      corsOrigins: ['https://app.example.com', 'http://localhost:3000'],
    });
  });

  it.each([
    [{ PREDICTION_LOG_SIZE: '0' }, 'PREDICTION_LOG_SIZE="0": expected an integer from 1 to'],
    [{ FEEDBACK_WINDOW: '1' }, 'FEEDBACK_WINDOW="1": expected an integer from 2 to 1000000.'],
    [
      { FEEDBACK_STORE: 's3://bucket' },
      'FEEDBACK_STORE="s3://bucket": Cannot use feedback store URL',
    ],
    [{ RATE_LIMIT_RPS: '0' }, 'RATE_LIMIT_RPS="0": expected an integer from 1 to 1000000.'],
    [
      { RATE_LIMIT_RPS: '5', RATE_LIMIT_BURST: 'many' },
      'RATE_LIMIT_BURST="many": expected an integer from 1 to 1000000.',
    ],
    [
      { CORS_ORIGINS: 'app.example.com' },
      'CORS_ORIGINS="app.example.com": "app.example.com" is not an origin',
    ],
    [{ CORS_ORIGINS: 'https://a.example/path' }, 'is not an origin; expected a comma list'],
  ])('refuses %j with a message naming the variable', (env, message) => {
    expect(() => loadServingConfig(env, root)).toThrow(message);
  });

  it('reads the registry poll interval and a rollout to start with, naming a bad ROLLOUT_ variable', () => {
    const config = loadServingConfig(
      { REGISTRY_POLL_MS: '0', ROLLOUT_STRATEGY: 'blue_green', ROLLOUT_VERSION: '2' },
      root,
    );
    expect(config.registryPollMs).toBe(0);
    expect(config.rollout).toEqual({
      strategy: 'blue_green',
      target: { version: 2 },
      options: { rollbackWindowMs: 300000 },
    });
    expect(loadServingConfig({}, root)).toMatchObject({ registryPollMs: 10000, rollout: null });
    expect(() =>
      loadServingConfig({ ROLLOUT_STRATEGY: 'canary', ROLLOUT_STEPS: '1,0.5' }, root),
    ).toThrow(
      'ROLLOUT_STEPS="1,0.5": ROLLOUT_STEPS must be a non-empty list of increasing weights',
    );
  });
});
