import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFileMetricsSource, noProductionModel } from './production-metrics.js';

describe('createFileMetricsSource', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gate-prod-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a metrics.json and names the model from the metadata.json beside it', async () => {
    writeFileSync(
      join(dir, 'metrics.json'),
      JSON.stringify({ roc_auc: 0.8, baseline: { roc_auc: 0.7 } }),
    );
    writeFileSync(join(dir, 'metadata.json'), JSON.stringify({ name: 'churn', version: 4 }));
    expect(await createFileMetricsSource(join(dir, 'metrics.json')).load()).toEqual({
      name: 'churn',
      version: 4,
      metrics: { roc_auc: 0.8 },
    });
  });

  it('reads a bundle folder through its metadata.json', async () => {
    const bundle = join(dir, 'bundle');
    mkdirSync(bundle);
    writeFileSync(
      join(bundle, 'metadata.json'),
      JSON.stringify({ name: 'churn', version: 2, metrics: { roc_auc: 0.79 } }),
    );
    expect(await createFileMetricsSource(bundle).load()).toEqual({
      name: 'churn',
      version: 2,
      metrics: { roc_auc: 0.79 },
    });
  });

  it.each([
    ['a missing file', 'nope.json', undefined],
    ['a file that is not JSON', 'bad.json', '{ roc_auc: '],
    ['a JSON array', 'array.json', '[0.8]'],
  ])('refuses %s', async (_, name, content) => {
    if (content !== undefined) writeFileSync(join(dir, name), content);
    await expect(createFileMetricsSource(join(dir, name)).load()).rejects.toMatchObject({
      code: 'E_GATE_AGAINST',
    });
  });

  it('has a source for "no production model"', async () => {
    expect(await noProductionModel.load()).toBeNull();
  });
});
