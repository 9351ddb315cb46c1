import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BundleIntegrityError, verifyBundle } from '@modelship/model-bundle';
import { writeSampleBundle } from '@modelship/model-bundle/testing';
import type { Params } from '@modelship/params';
import type { StepContext } from '../steps/step-context.js';
import { BundleIncompleteError, finalizeModelBundle } from './finalize-model-bundle.js';

const DATA_MD5 = '0123456789abcdef0123456789abcdef.dir';

describe('finalizeModelBundle', () => {
  let root: string;
  let bundle: string;
  let ctx: StepContext;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'finalize-'));
    bundle = join(root, 'artifacts', 'bundle');
    await writeSampleBundle(bundle);
    // As training leaves it: every artifact, no metadata.json yet.
    await rm(join(bundle, 'metadata.json'));
    await writeFile(
      join(root, 'data.dvc'),
      `outs:\n- md5: ${DATA_MD5}\n  size: 10\n  nfiles: 1\n  hash: md5\n  path: data\n`,
    );
    await writeJson('train-result.json', {
      backend: 'wasm',
      libraries: { '@tensorflow/tfjs': '4.22.0', node: process.versions.node },
      target: { column: 'label', positive: 'yes', negative: 'no' },
      rows: 1234,
    });
    await writeJson('metrics.json', { roc_auc: 0.91, pr_auc: 0.7, baseline: { roc_auc: 0.8 } });
    await writeJson('gate.json', {
      passed: false,
      reasons: ['better than production: FAIL'],
      comparedTo: { name: 'm', version: 3, metric: 'roc_auc', value: 0.92 },
      checks: [],
    });
    const params = {
      data: { path: 'data/x.csv', dvc: 'data.dvc', schema: 's.json', target: 'label' },
      split: {},
      model: { name: 'm', seed: 1 },
      evaluate: { threshold: 0.5 },
      gate: { metric: 'roc_auc', margin: 0 },
      registry: { url: 'file:r' },
    } as unknown as Params;
    ctx = { root, params, log: () => undefined };
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  const writeJson = (file: string, value: unknown) =>
    writeFile(join(bundle, file), `${JSON.stringify(value)}\n`);

  it('writes metadata that verifies, with the data version, headline metrics and gate decision', async () => {
    const metadata = await finalizeModelBundle(ctx, bundle);

    expect(await verifyBundle(bundle)).toEqual(metadata);
    expect(metadata.data).toEqual({
      path: 'data/x.csv',
      md5: DATA_MD5,
      dvcFile: 'data.dvc',
      rows: 1234,
    });
    expect(metadata.metrics).toEqual({ roc_auc: 0.91, pr_auc: 0.7 });
    expect(metadata.gate).toEqual({
      passed: false,
      reasons: ['better than production: FAIL'],
      comparedTo: { name: 'm', version: 3, metric: 'roc_auc', value: 0.92 },
    });
    expect(metadata.backend).toBe('wasm');
    expect(metadata.files['train-result.json']?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps the creation time of the training run when a later step finalizes again', async () => {
    const first = await finalizeModelBundle(ctx, bundle);
    await writeJson('metrics.json', { roc_auc: 0.95 });
    const second = await finalizeModelBundle(ctx, bundle);

    expect(second.createdAt).toBe(first.createdAt);
    expect(second.metrics).toEqual({ roc_auc: 0.95 });
    await expect(verifyBundle(bundle)).resolves.toBeDefined();
  });

  it('leaves hashes that catch a file changed after finalizing', async () => {
    await finalizeModelBundle(ctx, bundle);
    const card = join(bundle, 'card.md');
    await writeFile(card, `${await readFile(card, 'utf8')}tampered\n`);

    await expect(verifyBundle(bundle)).rejects.toBeInstanceOf(BundleIntegrityError);
  });

  it('refuses a folder that training never wrote', async () => {
    await rm(join(bundle, 'train-result.json'));

    await expect(finalizeModelBundle(ctx, bundle)).rejects.toBeInstanceOf(BundleIncompleteError);
  });
});
