import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Task } from '@modelship/core';
import type { BundleMetadata } from '../bundle-types.js';
import { BUNDLE_FORMAT_VERSION } from '../bundle-types.js';
import { finalizeBundle } from '../finalize-bundle.js';

export interface SampleBundleOptions {
  name?: string;
  /** Changes every artifact's bytes, so two seeds give two different bundles. */
  seed?: number;
  /** Size of the fake weights file in KiB (the rest of the bundle adds a few KiB). */
  weightsKb?: number;
  gatePassed?: boolean;
  metrics?: Record<string, number>;
  /** Recorded as `metadata.task` when given (left out, the bundle is binary, as old bundles). */
  task?: Task;
}

/** Deterministic pseudo-random bytes: weights that do not compress and differ per seed. */
function makeBytes(size: number, seed: string): Buffer {
  const out = Buffer.alloc(size);
  let block = createHash('sha256').update(seed).digest();
  for (let offset = 0; offset < size; offset += block.length) {
    block.copy(out, offset);
    block = createHash('sha256').update(block).digest();
  }
  return out;
}

/**
 * Writes a complete, finalised bundle with the real layout (a dozen files) and fake artifacts,
 * for tests and benchmarks of code that moves bundles around without running a model.
 */
export async function writeSampleBundle(
  dir: string,
  options: SampleBundleOptions = {},
): Promise<BundleMetadata> {
  const { name = 'churn', seed = 1, weightsKb = 256, gatePassed = true } = options;
  const metrics = options.metrics ?? { roc_auc: 0.8 + seed / 1000, pr_auc: 0.5, log_loss: 0.4 };
  const files: Record<string, string | Buffer> = {
    'model.onnx': makeBytes(64 * 1024, `onnx-${seed}`),
    'tfjs/model.json': JSON.stringify({ format: 'layers-model', seed }),
    'tfjs/group1-shard1of2.bin': makeBytes(weightsKb * 512, `w1-${seed}`),
    'tfjs/group1-shard2of2.bin': makeBytes(weightsKb * 512, `w2-${seed}`),
    'feature-spec.json': JSON.stringify({ schemaVersion: 1, features: [] }),
    'input-schema.json': JSON.stringify({ type: 'object', properties: {} }),
    'reference-stats.json': JSON.stringify({ schemaVersion: 1, features: {}, seed }),
    'metrics.json': JSON.stringify(metrics),
    'gate.json': JSON.stringify({ passed: gatePassed, reasons: [] }),
    'card.md': `# ${name}\n\nA sample model card (seed ${seed}).\n`,
    'plots/roc.svg': `<svg xmlns="http://www.w3.org/2000/svg"><!-- roc ${seed} --></svg>`,
    'plots/calibration.svg': `<svg xmlns="http://www.w3.org/2000/svg"><!-- cal ${seed} --></svg>`,
  };
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return finalizeBundle(dir, {
    formatVersion: BUNDLE_FORMAT_VERSION,
    name,
    ...(options.task === undefined ? {} : { task: options.task }),
    version: null,
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, seed)).toISOString(),
    git: { commit: 'abc1234', dirty: false },
    data: {
      path: 'data/churn.csv',
      md5: `d41d8cd98f00b204e9800998ecf8427${seed % 10}`,
      dvcFile: 'data.dvc',
      rows: 50000,
    },
    target: { column: 'churned', positive: '1' },
    params: { model: { hidden_units: [32, 16], learning_rate: 0.003 + seed / 10000 } },
    metrics,
    backend: 'wasm',
    libraries: { node: process.versions.node, '@tensorflow/tfjs': '4.22.0' },
    gate: { passed: gatePassed, reasons: [`roc_auc ${metrics['roc_auc']} >= 0.75`] },
  });
}
