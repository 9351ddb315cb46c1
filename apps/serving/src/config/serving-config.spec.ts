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
    });
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
  ])('refuses %j with a message naming the variable', (env, message) => {
    expect(() => loadServingConfig(env, root)).toThrow(message);
  });
});
