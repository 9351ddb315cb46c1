import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSampleBundle } from '@modelship/model-bundle/testing';
import { openRegistry } from '@modelship/model-registry';
import { createRegistryMetricsSource } from './registry-metrics-source.js';

describe('createRegistryMetricsSource', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gate-registry-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the metrics of the version in production', async () => {
    const registry = await openRegistry(`file:${join(dir, 'registry')}`, { root: dir });
    for (const seed of [1, 2]) {
      await writeSampleBundle(join(dir, `bundle-${seed}`), {
        seed,
        weightsKb: 1,
        metrics: { roc_auc: 0.8 + seed / 100 },
      });
      await registry.registerModel(join(dir, `bundle-${seed}`));
    }
    await registry.promote('churn', 1, 'production');
    expect(await createRegistryMetricsSource(registry, 'churn').load()).toEqual({
      name: 'churn',
      version: 1,
      metrics: { roc_auc: 0.81 },
    });
  });

  it('finds no production model when nothing was promoted', async () => {
    const registry = await openRegistry(`file:${join(dir, 'registry')}`, { root: dir });
    await writeSampleBundle(join(dir, 'bundle'), { weightsKb: 1 });
    await registry.registerModel(join(dir, 'bundle'));
    expect(await createRegistryMetricsSource(registry, 'churn').load()).toBeNull();
  });

  it('finds no production model when the model was never registered', async () => {
    const registry = await openRegistry(`file:${join(dir, 'registry')}`, { root: dir });
    expect(await createRegistryMetricsSource(registry, 'churn').load()).toBeNull();
  });
});
