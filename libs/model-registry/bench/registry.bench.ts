// Register and fetch times of a realistic bundle (~580 KB, 13 files) on both stores, median of 5,
// against a plain recursive copy of the same folder as baseline; then 20 concurrent registrations.
// Run: npx nx run model-registry:bench
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeSampleBundle } from '@modelship/model-bundle/testing';
import { openRegistry } from '../src/model-registry.js';
import { newRegistryLocation, STORE_KINDS, startAzurite } from '../src/testing/index.js';

const RUNS = 5;
const CONCURRENT = 20;

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const ms = (value: number) => `${value.toFixed(1)} ms`;

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

const work = await mkdtemp(join(tmpdir(), 'registry-bench-'));
const azurite = await startAzurite();
try {
  const bundles: string[] = [];
  for (let seed = 1; seed <= RUNS + CONCURRENT; seed += 1) {
    bundles.push(join(work, `bundle-${seed}`));
    await writeSampleBundle(join(work, `bundle-${seed}`), { seed, weightsKb: 512 });
  }
  const copies: number[] = [];
  for (let i = 0; i < RUNS; i += 1)
    copies.push(
      await time(() => cp(bundles[i] ?? '', join(work, `copy-${i}`), { recursive: true })),
    );
  const baseline = median(copies);
  console.log(
    `bundle: 13 files, ~580 KB; baseline recursive copy: ${ms(baseline)} (median of ${RUNS})`,
  );

  for (const kind of STORE_KINDS) {
    const { url, options } = await newRegistryLocation(kind, azurite.connectionString, work);
    const registry = await openRegistry(url, options);
    const registers: number[] = [];
    const fetches: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      registers.push(await time(() => registry.registerModel(bundles[i] ?? '')));
      fetches.push(
        await time(() =>
          registry.fetchModel('churn', { version: i + 1 }, join(work, `${kind}-fetch-${i}`)),
        ),
      );
    }
    const concurrent = await openRegistry(
      (await newRegistryLocation(kind, azurite.connectionString, work)).url,
      options,
    );
    const start = performance.now();
    const results = await Promise.all(
      bundles
        .slice(RUNS)
        .map(async (bundle) => (await openRegistry(concurrent.url, options)).registerModel(bundle)),
    );
    const wall = performance.now() - start;
    const versions = new Set(results.map((r) => r.version.version));
    const retries = results.map((r) => r.retries);
    console.log(
      `${kind.padEnd(6)} register ${ms(median(registers))} (${(median(registers) / baseline).toFixed(1)}x copy)  ` +
        `fetch ${ms(median(fetches))} (${(median(fetches) / baseline).toFixed(1)}x copy)  ` +
        `| ${CONCURRENT} concurrent: ${versions.size} distinct versions (max ${Math.max(...versions)}), ` +
        `wall ${ms(wall)}, retries total ${retries.reduce((a, b) => a + b, 0)}, max ${Math.max(...retries)}`,
    );
  }
} finally {
  await azurite.stop();
  await rm(work, { recursive: true, force: true });
}
