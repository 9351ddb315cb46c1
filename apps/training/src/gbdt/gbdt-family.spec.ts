/** @jest-environment ../../jest.onnx-environment.js */
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';
import * as ort from 'onnxruntime-node';
import { BUNDLE_FILES, ONNX_INPUT } from '@modelship/model-bundle';
import type { Params } from '@modelship/params';
import { gbdtFamily } from './gbdt-family.js';
import { prepareTaskDatasetMatrices } from './testing/gbdt-fixtures.js';

const { onnx } = onnxProto;

describe('gbdtFamily', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gbdt-family-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('fits on the multiclass dataset, logs progress, summarises and writes model.onnx', async () => {
    const data = await prepareTaskDatasetMatrices(join(dir, 'data'), 'multiclass', 2_000);
    const lines: string[] = [];
    const params = {
      model: {
        name: 'tickets',
        type: 'gbdt',
        seed: 3,
        gbdt: { max_trees: 40, early_stopping_rounds: 5 },
      },
    } as unknown as Params;
    const fitted = await gbdtFamily.fit({
      params,
      head: data.head,
      spec: data.spec,
      train: data.train,
      validation: data.validation,
      log: (line) => lines.push(line),
    });
    expect(fitted.type).toBe('gbdt');
    const summary = fitted.summary;
    if (summary.type !== 'gbdt') throw new Error('expected a gbdt summary');
    expect(summary.trees).toBe(3 * summary.bestRound);
    expect(summary.history).toHaveLength(summary.roundsRun);
    expect(summary.importance.length).toBeGreaterThan(0);
    const gains = summary.importance.map((entry) => entry.gain);
    expect(gains).toEqual([...gains].sort((a, b) => b - a));
    for (const entry of summary.importance) expect(data.spec.featureNames).toContain(entry.feature);
    // The split's size and the histogram threads first (2,000 rows: one thread), then one line
    // per tenth of max_trees reached, and the stop.
    expect(lines[0]).toBe(
      `gbdt: ${data.train.rows} training rows x ${data.train.width} features, histograms on one thread`,
    );
    expect(lines.filter((line) => line.startsWith('gbdt: round '))).toHaveLength(
      Math.floor(summary.roundsRun / 4),
    );
    expect(lines.at(-1)).toMatch(`keeping round ${summary.bestRound}, ${summary.trees} trees`);

    const bundleDir = join(dir, 'bundle');
    await mkdir(bundleDir);
    await fitted.writeModel(bundleDir, data.spec);
    const bytes = await readFile(join(bundleDir, BUNDLE_FILES.onnx));
    const metadata = Object.fromEntries(
      onnx.ModelProto.decode(bytes).metadataProps.map((p) => [p.key, p.value]),
    );
    expect(metadata).toEqual({
      feature_names: JSON.stringify(data.spec.featureNames),
      feature_spec_version: String(data.spec.specVersion),
      task: 'multiclass',
      model_type: 'gbdt',
      trees: String(summary.trees),
    });
    const session = await ort.InferenceSession.create(bytes);
    const rows = 50;
    const x = data.test.x.subarray(0, rows * data.test.width);
    const out = await session.run({
      [ONNX_INPUT]: new ort.Tensor('float32', x, [rows, data.test.width]),
    });
    const actual = out[session.outputNames[0]!]!.data as Float32Array;
    const expected = fitted.predict(x, rows);
    for (let i = 0; i < expected.length; i += 1)
      expect(Math.abs(actual[i]! - expected[i]!)).toBeLessThan(1e-5);
  });
});
