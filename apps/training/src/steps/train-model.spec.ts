/** @jest-environment ../../jest.onnx-environment.js */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { FeatureSpec, RawRow } from '@modelship/features';
import { transformRows } from '@modelship/features';
import * as ort from 'onnxruntime-node';
import type { NumericReference, ReferenceStats } from '@modelship/data-validation';
import { computePredictionReference } from '@modelship/data-validation';
import type { Params } from '@modelship/params';
import { readTrainingSplit } from '../testing/read-training-split.js';
import type { TaskDataset } from '@modelship/data-validation/testing';
import { writeTaskDataset } from '@modelship/data-validation/testing';
import type { StepContext } from './step-context.js';
import type { TrainModelOutput } from './train-model.js';
import { trainModel } from './train-model.js';
import type { TrainResult } from './train-result.js';

// The whole step on a dataset shaped nothing like the churn sample: nothing may assume its columns.
let root: string;
let loans: TaskDataset;
let output: TrainModelOutput;
const lines: string[] = [];

function createParams(overrides: Partial<Params['data']> = {}): Params {
  return {
    data: {
      path: loans.csvPath,
      dvc: 'data.dvc',
      schema: loans.schemaPath,
      target: 'defaulted',
      ...overrides,
    },
    split: { test: 0.25, validation: 0.15, seed: 5, stratify: true },
    validation: { report_dir: 'reports', max_examples: 5 },
    drift: { bins: 10, psi_warn: 0.1, psi_alert: 0.25, ks_alert: 0.1, chi2_p_value: 0.01 },
    model: {
      name: 'loans',
      hidden_units: [12],
      epochs: 3,
      batch_size: 128,
      learning_rate: 0.01,
      seed: 9,
    },
    evaluate: { threshold: 0.5 },
    gate: { metric: 'roc_auc', margin: 0 },
    registry: { url: 'file:.modelship/registry' },
  };
}

function createContext(params = createParams()): StepContext {
  return { root, params, log: (line) => lines.push(line) };
}

async function readJson<T>(file: string): Promise<T> {
  return JSON.parse(await readFile(join(output.bundleDir, file), 'utf8')) as T;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'modelship-step-'));
  loans = await writeTaskDataset(join(root, 'data'), 'binary', { rows: 4_000, seed: 21 });
  output = await trainModel(createContext(), { bundleDir: 'out/bundle' });
}, 60_000);
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('trainModel on a second, differently shaped dataset', () => {
  it("encodes only the schema's feature columns, in schema order", () => {
    expect(output.featureSpec.columns.map((c) => `${c.kind}:${c.column}`)).toEqual([
      'numeric:income_k',
      'numeric:loan_amount',
      'categorical:term',
      'categorical:purpose',
      'numeric:years_employed',
      'boolean:owns_home',
    ]);
    expect(output.featureSpec.featureNames).toContain('purpose=<other>');
    expect(output.featureSpec.featureNames).toContain('income_k__missing');
  });

  it('writes the spec, the input schema and the train result beside the models', async () => {
    expect(output.bundleDir).toBe(join(root, 'out/bundle'));
    expect(await readJson<FeatureSpec>('feature-spec.json')).toEqual(output.featureSpec);
    // Every column but the target, so serving accepts a CSV row as it is (id and ignored too).
    const inputSchema = await readJson<{ columns: { name: string; role: string }[] }>(
      'input-schema.json',
    );
    expect(inputSchema.columns.map((c) => `${c.role}:${c.name}`)).toEqual([
      'id:application_ref',
      'feature:income_k',
      'feature:loan_amount',
      'feature:term',
      'feature:purpose',
      'feature:years_employed',
      'feature:owns_home',
      'ignore:branch_note',
    ]);
    const result = await readJson<TrainResult>('train-result.json');
    expect(result).toMatchObject({
      rows: 4_000,
      target: { column: 'defaulted', positive: 'yes', negative: 'no' },
    });
    expect(result.split.train + result.split.validation + result.split.test).toBe(4_000);
    expect(result.epochsRun).toBeGreaterThanOrEqual(1);
    expect(result.history).toHaveLength(result.epochsRun ?? -1);
    expect(['tensorflow', 'wasm', 'cpu']).toContain(result.backend);
    // The default family, with its figures in `model` too, and the type among the params.
    expect(result.modelType).toBe('mlp');
    expect(result.model).toEqual({
      type: 'mlp',
      backend: result.backend,
      backendFallback: result.backendFallback,
      epochsRun: result.epochsRun,
      bestEpoch: result.bestEpoch,
      stoppedEarly: result.stoppedEarly,
      history: result.history,
    });
    expect(result.params).toMatchObject({ type: 'mlp', hiddenUnits: [12], epochs: 3 });
    expect(result.params).not.toHaveProperty('linear');
    expect(result.selection).toBeUndefined();
  });

  it('logs one line per epoch when stderr is not a terminal', () => {
    expect(lines.filter((line) => /^epoch \d+\/3 loss /.test(line))).toHaveLength(
      output.result.epochsRun ?? -1,
    );
  });

  it('returns the raw test split and a predict() that scores it', async () => {
    expect(output.test.rows).toHaveLength(output.result.split.test);
    const probabilities = await output.predict(output.test.rows);
    expect(probabilities).toHaveLength(output.test.rows.length);
    expect(probabilities.every((p) => p > 0 && p < 1)).toBe(true);
  });

  it("exports a model.onnx that gives predict()'s probabilities for JSON-typed requests", async () => {
    const session = await ort.InferenceSession.create(join(output.bundleDir, 'model.onnx'));
    const rows = output.test.rows.slice(0, 200).map(toJsonTypes);
    const matrix = transformRows(output.featureSpec, rows);
    const result = await session.run({
      features: new ort.Tensor('float32', matrix.data, [matrix.rows, matrix.width]),
    });
    const expected = await output.predict(output.test.rows.slice(0, 200));
    const actual = result['probability']?.data as Float32Array;
    expect(
      Math.max(...Array.from(expected, (p, i) => Math.abs(p - (actual[i] ?? 0)))),
    ).toBeLessThan(1e-5);
    await session.release();
  });

  it('saves a tfjs model that loads back with the same predictions', async () => {
    const modelJson = await readJson<{
      modelTopology: object;
      weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[];
    }>('tfjs/model.json');
    const weights = await readFile(join(output.bundleDir, 'tfjs/weights.bin'));
    const model = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: modelJson.modelTopology,
        weightSpecs: modelJson.weightsManifest[0]?.weights ?? [],
        weightData: new Uint8Array(weights).buffer,
      }),
    );
    const matrix = transformRows(output.featureSpec, output.test.rows.slice(0, 50));
    const reloaded = tf.tidy(() =>
      (
        model.predict(tf.tensor2d(matrix.data, [matrix.rows, matrix.width])) as tf.Tensor
      ).dataSync(),
    );
    expect(Array.from(reloaded)).toEqual(Array.from(await output.predict(output.test.rows.slice(0, 50))));
  });

  it("writes the positive-class probabilities on the training split as reference-stats.json's prediction", async () => {
    const stats = await readJson<ReferenceStats>('reference-stats.json');
    const expected = computePredictionReference(await output.predict(await readTrainingSplit(createContext())), { bins: 10 });
    expect(stats.prediction).toEqual(expected);
    expect(stats.prediction).toMatchObject({ name: 'prediction', kind: 'numeric', count: output.result.split.train, missing: 0 });
    const { min, max } = stats.prediction as NumericReference;
    expect(min).toBeGreaterThan(0);
    expect(max).toBeLessThan(1);
    expect(stats.features.map((feature) => feature.name)).not.toContain('defaulted');
  });

  it('refuses a target column the CSV does not have, before training', async () => {
    await expect(
      trainModel(createContext(createParams({ target: 'repaid' })), { bundleDir: 'out/other' }),
    ).rejects.toMatchObject({
      code: 'E_TARGET_MISSING',
      column: 'repaid',
    });
  });
});

/** A CSV row as an HTTP client would send it: numbers as numbers, empty as null. */
function toJsonTypes(row: RawRow): RawRow {
  return Object.fromEntries(
    Object.entries(row).map(([key, value]) => {
      if (value === '' || value === null || value === undefined) return [key, null];
      const number = Number(value);
      return [
        key,
        typeof value === 'string' && /^-?[\d.]+$/.test(value) && Number.isFinite(number)
          ? number
          : value,
      ];
    }),
  );
}
