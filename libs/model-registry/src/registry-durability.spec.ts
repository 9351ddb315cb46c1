import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeContentHash, verifyBundle } from '@modelship/model-bundle';
import { writeSampleBundle } from '@modelship/model-bundle/testing';
import { ModelRegistry, openRegistry } from './model-registry.js';
import { ArtifactIntegrityError, DuplicateBundleError } from './registry-errors.js';
import { storeKeys } from './store-keys.js';
import { findWorkspaceRoot } from './workspace-root.js';
import { FaultyStore } from './testing/faulty-store.js';
import { newRegistryLocation, STORE_KINDS } from './testing/registry-locations.js';
import type { RunningAzurite } from './testing/start-azurite.js';
import { startAzurite } from './testing/start-azurite.js';

let azurite: RunningAzurite;
let work: string;
const bundles: string[] = [];
beforeAll(async () => {
  azurite = await startAzurite();
  work = await mkdtemp(join(tmpdir(), 'registry-durability-'));
  for (let seed = 1; seed <= 20; seed += 1) {
    const dir = join(work, `bundle-${seed}`);
    await writeSampleBundle(dir, { seed, weightsKb: 4 });
    bundles.push(dir);
  }
});
async function readBundleContentHash(dir: string): Promise<{ contentHash: string }> {
  return { contentHash: computeContentHash((await verifyBundle(dir)).files) };
}
function bundleAt(index: number): string {
  return bundles[index] ?? '';
}

afterAll(async () => {
  await azurite?.stop();
  await rm(work, { recursive: true, force: true });
});

describe.each(STORE_KINDS)('the %s store', (kind) => {
  let location: Awaited<ReturnType<typeof newRegistryLocation>>;
  let registry: ModelRegistry;
  beforeEach(async () => {
    location = await newRegistryLocation(kind, azurite.connectionString, work);
    registry = await openRegistry(location.url, location.options);
  });

  it.each([
    [
      'a flipped byte',
      (data: Buffer) =>
        Buffer.concat([
          data.subarray(0, 10),
          Buffer.from([data.readUInt8(10) ^ 1]),
          data.subarray(11),
        ]),
    ],
    ['a truncated file', (data: Buffer) => data.subarray(0, data.length - 1)],
  ])('refuses to fetch an artifact with %s and leaves nothing behind', async (_case, tamper) => {
    const { version } = await registry.registerModel(bundleAt(0));
    const key = `${storeKeys.upload('churn', version.uploadId)}tfjs/group1-shard1of2.bin`;
    const stored = await registry.store.read(key);
    await registry.store.write(key, tamper(stored?.data ?? Buffer.alloc(0)));
    const dest = join(work, `fetch-${kind}-${Date.now()}`);
    const error = await registry
      .fetchModel('churn', { version: 1 }, dest)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ArtifactIntegrityError);
    expect((error as Error).message).toMatch(
      /^churn v1 failed verification after download \(tfjs\/group1-shard1of2\.bin: /,
    );
    expect(
      (await readdir(work)).filter(
        (name) => name.startsWith(`fetch-${kind}`) || name.includes('.fetch-'),
      ),
    ).toEqual([]);
  });

  it('never lists a version whose commit failed after its upload, and collects its garbage', async () => {
    const faulty = new ModelRegistry(new FaultyStore(registry.store, /\/versions\//));
    await expect(faulty.registerModel(bundleAt(1))).rejects.toThrow(
      /injected failure writing models\/churn\/versions\/1\.json/,
    );
    expect(await registry.listModels()).toEqual([]);
    expect(await registry.store.listChildren(storeKeys.uploads('churn'))).toHaveLength(1);
    expect((await registry.collectGarbage({ olderThanMs: 60_000 })).removed).toEqual([]);
    const { version } = await registry.registerModel(bundleAt(1));
    expect(version.version).toBe(1);
    const report = await registry.collectGarbage({ olderThanMs: 0 });
    expect(report.removed).toEqual([
      { name: 'churn', uploadId: expect.any(String), bytes: expect.any(Number) },
    ]);
    expect(await registry.store.listChildren(storeKeys.uploads('churn'))).toEqual([
      version.uploadId,
    ]);
    await expect(
      registry.fetchModel('churn', { version: 1 }, join(work, `after-gc-${kind}`)),
    ).resolves.toBeDefined();
  });

  it('shows no half version after a registering process is killed just before its commit', async () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(import.meta.dirname, 'testing/register-until-commit.ts'),
        location.url,
        bundleAt(2),
        azurite.connectionString,
      ],
      { cwd: findWorkspaceRoot(import.meta.dirname), stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((ready, fail) => {
      child.stdout.on(
        'data',
        (chunk: Buffer) => chunk.toString().includes('committing') && ready(),
      );
      child.once('exit', (code) => fail(new Error(`the child exited early with ${code}`)));
    });
    child.removeAllListeners('exit');
    const exited = new Promise((done) => child.once('exit', (_code, signal) => done(signal)));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(await registry.store.listChildren(storeKeys.uploads('churn'))).toHaveLength(1);
    expect(await registry.listModels()).toEqual([]);
    await expect(registry.getVersion('churn', {})).rejects.toThrow(/is not registered/);
    expect((await registry.collectGarbage({ olderThanMs: 0 })).removed).toHaveLength(1);
    expect(await registry.store.list('models/')).toEqual([]);
  }, 60_000);

  it('gives 20 concurrent registrations from separate clients 20 distinct versions', async () => {
    const results = await Promise.all(
      bundles.map(async (bundle) =>
        (await openRegistry(location.url, location.options)).registerModel(bundle),
      ),
    );
    const numbers = results.map((r) => r.version.version).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const listed = await registry.listVersions('churn');
    expect(new Set(listed.map((v) => v.contentHash)).size).toBe(20);
  });

  it('gives 20 concurrent registrations of the same bundle one version', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, async () =>
        (await openRegistry(location.url, location.options)).registerModel(bundleAt(0), {
          allowExisting: true,
        }),
      ),
    );
    const versions = results.map((r) =>
      r.status === 'fulfilled' ? r.value.version.version : r.reason,
    );
    expect(versions).toEqual(Array.from({ length: 20 }, () => 1));
    expect(results.filter((r) => r.status === 'fulfilled' && r.value.created)).toHaveLength(1);
    expect((await registry.listVersions('churn')).map((v) => v.version)).toEqual([1]);
    // The losers removed their uploads: only the winner's folder is left.
    expect(await registry.store.listChildren(storeKeys.uploads('churn'))).toHaveLength(1);
  });

  it('answers a concurrent duplicate without allowExisting as a second registration would', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, async () =>
        (await openRegistry(location.url, location.options)).registerModel(bundleAt(1)),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const rejected of results.filter((r) => r.status === 'rejected')) {
      expect(rejected.reason).toBeInstanceOf(DuplicateBundleError);
    }
  });

  it('takes over the claim of a registration that died before committing', async () => {
    const { contentHash } = (await registry.registerModel(bundleAt(2))).version;
    // Simulate a dead registrar of another bundle: a claim with no version behind it.
    const other = bundleAt(3);
    const dead = JSON.stringify({
      uploadId: 'dead',
      claimedAt: new Date(0).toISOString(),
      version: null,
    });
    const { contentHash: otherHash } = await readBundleContentHash(other);
    await registry.store.write(storeKeys.contentClaim('churn', otherHash), dead);
    const { version, created } = await registry.registerModel(other, {
      claim: { staleAfterMs: 1_000 },
    });
    expect(created).toBe(true);
    expect(version.contentHash).toBe(otherHash);
    expect(version.contentHash).not.toBe(contentHash);
  });

  it('loses no transition when clients change stages and aliases at the same time', async () => {
    for (const bundle of bundles.slice(0, 3)) await registry.registerModel(bundle);
    const aliases = Array.from({ length: 10 }, (_, i) => `alias-${i}`);
    await Promise.all([
      ...aliases.map(async (alias, i) =>
        (await openRegistry(location.url, location.options)).setAlias('churn', alias, (i % 3) + 1),
      ),
      (await openRegistry(location.url, location.options)).promote('churn', 2, 'production'),
    ]);
    const versions = await registry.listVersions('churn');
    expect(versions.flatMap((v) => v.aliases).sort()).toEqual(aliases);
    expect(versions.find((v) => v.version === 2)?.stage).toBe('production');
    expect((await registry.history('churn')).filter((e) => e.action !== 'register')).toHaveLength(
      11,
    );
  });
});
