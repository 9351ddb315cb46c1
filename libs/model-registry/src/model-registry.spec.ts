import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BundleIntegrityError, readBundleMetadata, verifyBundle } from '@modelship/model-bundle';
import { writeSampleBundle } from '@modelship/model-bundle/testing';
import type { ModelRegistry } from './model-registry.js';
import { openRegistry } from './model-registry.js';
import { DuplicateBundleError, RegistryError } from './registry-errors.js';
import type { RunningAzurite } from './testing/start-azurite.js';
import { startAzurite } from './testing/start-azurite.js';
import { newRegistryLocation, STORE_KINDS } from './testing/registry-locations.js';

let azurite: RunningAzurite;
let work: string;
beforeAll(async () => {
  azurite = await startAzurite();
  work = await mkdtemp(join(tmpdir(), 'registry-work-'));
});
afterAll(async () => {
  await azurite?.stop();
  await rm(work, { recursive: true, force: true });
});

let bundleCount = 0;
async function makeBundle(seed: number, options: { gatePassed?: boolean } = {}): Promise<string> {
  const dir = join(work, `bundle-${(bundleCount += 1)}`);
  await writeSampleBundle(dir, { seed, weightsKb: 8, ...options });
  return dir;
}

async function errorOf(promise: Promise<unknown>): Promise<RegistryError> {
  const error = await promise.then(
    () => new Error('expected a rejection'),
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(RegistryError);
  return error as RegistryError;
}

describe.each(STORE_KINDS)('the %s store', (kind) => {
  let registry: ModelRegistry;
  beforeEach(async () => {
    const { url, options } = await newRegistryLocation(kind, azurite.connectionString, work);
    registry = await openRegistry(url, options);
  });

  it('numbers versions 1, 2, 3 per model and records where each came from', async () => {
    const first = await registry.registerModel(await makeBundle(1), {
      registeredBy: 'ada',
      reason: 'baseline',
    });
    const second = await registry.registerModel(await makeBundle(2));
    const other = await registry.registerModel(await makeBundle(3), { name: 'fraud' });
    expect([first.version.version, second.version.version, other.version.version]).toEqual([
      1, 2, 1,
    ]);
    expect(first.version).toMatchObject({
      name: 'churn',
      registeredBy: 'ada',
      reason: 'baseline',
      git: { commit: 'abc1234', dirty: false },
      data: { md5: expect.stringMatching(/^[0-9a-f]{32}$/) },
      params: { model: expect.any(Object) },
      metrics: { roc_auc: 0.801 },
      libraries: { '@modelship/model-registry': '0.1.0', node: expect.any(String) },
    });
    expect(Object.keys(first.version.files)).toHaveLength(13);
    expect((await registry.listModels()).map((m) => [m.name, m.latest])).toEqual([
      ['churn', 2],
      ['fraud', 1],
    ]);
  });

  it('refuses to register the same bundle twice, or returns the existing version when allowed', async () => {
    const bundle = await makeBundle(4);
    await registry.registerModel(bundle);
    const error = await errorOf(registry.registerModel(bundle));
    expect(error).toBeInstanceOf(DuplicateBundleError);
    expect(error.message.replace(/content \w+/, 'content <hash>')).toMatchInlineSnapshot(
      `"This bundle is already registered as churn v1 (content <hash>); nothing was registered. Use version 1, or retrain to get a new bundle."`,
    );
    const again = await registry.registerModel(bundle, { allowExisting: true });
    expect([again.created, again.version.version]).toEqual([false, 1]);
    expect((await registry.listVersions('churn')).map((v) => v.version)).toEqual([1]);
  });

  it('refuses a bundle that fails verification and registers nothing', async () => {
    const bundle = await makeBundle(5);
    await rm(join(bundle, 'model.onnx'));
    await expect(registry.registerModel(bundle)).rejects.toBeInstanceOf(BundleIntegrityError);
    expect(await registry.listModels()).toEqual([]);
  });

  it('promotes, archives the replaced production version, rolls back, and records who, when and why', async () => {
    for (const seed of [6, 7, 8]) await registry.registerModel(await makeBundle(seed));
    await registry.promote('churn', 1, 'production', { by: 'ada', reason: 'first release' });
    await registry.promote('churn', 2, 'staging', { by: 'bob' });
    await registry.promote('churn', 2, 'production', { by: 'bob', reason: 'better auc' });
    const stages = async () =>
      (await registry.listVersions('churn')).map((v) => `${v.version}:${v.stage}`);
    expect(await stages()).toEqual(['1:archived', '2:production', '3:none']);
    await registry.rollback('churn', { by: 'carol', reason: 'latency regression' });
    expect(await stages()).toEqual(['1:production', '2:archived', '3:none']);
    await registry.archive('churn', 3, { by: 'carol', reason: 'superseded' });
    const history = await registry.history('churn');
    expect(
      history.map((e) => `${e.action} v${e.version} ${e.from}->${e.to} by ${e.by}: ${e.reason}`),
    ).toEqual([
      expect.stringMatching(/^register v1 /),
      expect.stringMatching(/^register v2 /),
      expect.stringMatching(/^register v3 /),
      'promote v1 none->production by ada: first release',
      'promote v2 none->staging by bob: null',
      'archive v1 production->archived by bob: replaced by v2',
      'promote v2 staging->production by bob: better auc',
      'rollback v2 production->archived by carol: latency regression',
      'rollback v1 archived->production by carol: latency regression',
      'archive v3 none->archived by carol: superseded',
    ]);
    expect(history.every((e) => !Number.isNaN(Date.parse(e.at)))).toBe(true);
  });

  it('fetches by version, stage and alias into a verified folder with the version in metadata.json', async () => {
    await registry.registerModel(await makeBundle(9));
    await registry.registerModel(await makeBundle(10));
    await registry.promote('churn', 1, 'production');
    await registry.setAlias('churn', 'challenger', 2);
    const cases = [
      [{ version: 2 }, 2],
      [{ stage: 'production' as const }, 1],
      [{ alias: 'challenger' }, 2],
      [{}, 2],
    ] as const;
    for (const [index, [selector, expected]] of cases.entries()) {
      const dest = join(work, `${kind}-fetched-${bundleCount}-${index}`);
      const fetched = await registry.fetchModel('churn', selector, dest);
      expect(fetched.version).toBe(expected);
      await verifyBundle(dest);
      expect((await readBundleMetadata(dest)).version).toBe(expected);
    }
    expect((await readdir(work)).filter((name) => name.includes('.fetch-'))).toEqual([]);
  });

  it('answers bad input with typed errors carrying a code, an exit code and a fix', async () => {
    await registry.registerModel(await makeBundle(11));
    const cases: [string, (r: ModelRegistry) => Promise<unknown>][] = [
      ['unknown model', (r) => r.getVersion('nope', {})],
      ['unknown version', (r) => r.getVersion('churn', { version: 9 })],
      ['empty stage', (r) => r.getVersion('churn', { stage: 'production' })],
      ['unknown alias', (r) => r.getVersion('churn', { alias: 'champion' })],
      ['stage that does not exist', (r) => r.promote('churn', 1, 'prod' as never)],
      ['rollback without production', (r) => r.rollback('churn')],
      ['promotion to the current stage', (r) => r.promote('churn', 1, 'none')],
      ['invalid model name', (r) => r.registerModel(work, { name: '../x' })],
      ['invalid alias', (r) => r.setAlias('churn', 'Champion!', 1)],
    ];
    const answers: Record<string, string> = {};
    for (const [name, act] of cases) {
      const error = await errorOf(act(registry));
      answers[name] = `${error.code} (exit ${error.exitCode}): ${error.message}`;
    }
    expect(answers).toMatchInlineSnapshot(`
      {
        "empty stage": "E_VERSION_NOT_FOUND (exit 3): Model churn has no version in stage production; promote one with \`modelship-registry promote churn <version> production\`.",
        "invalid alias": "E_INVALID_INPUT (exit 2): Alias "Champion!" is invalid: use lowercase letters, digits, "_" or "-", starting with a letter.",
        "invalid model name": "E_INVALID_INPUT (exit 2): Model name "../x" is invalid: use 1-63 letters, digits, ".", "_" or "-", starting with a letter or digit.",
        "promotion to the current stage": "E_TRANSITION (exit 1): churn v1 is already in none; nothing changed.",
        "rollback without production": "E_TRANSITION (exit 1): churn has no production version to roll back from; promote one first.",
        "stage that does not exist": "E_INVALID_INPUT (exit 2): Stage "prod" does not exist; use one of none, staging, production, archived.",
        "unknown alias": "E_VERSION_NOT_FOUND (exit 3): Model churn has no alias "champion"; set it with \`modelship-registry alias churn champion <version>\`.",
        "unknown model": "E_MODEL_NOT_FOUND (exit 3): Model "nope" is not registered (registered: churn); register a bundle first with \`modelship-registry register <bundle-dir>\`.",
        "unknown version": "E_VERSION_NOT_FOUND (exit 3): Model churn has no version 9; run \`modelship-registry list churn\` to see its versions.",
      }
    `);
  });
});
