/** @jest-environment ../../jest.onnx-environment.js */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FeatureMatrix } from '../baseline/feature-matrix.js';
import type { CategoricalReference, NumericReference, ReferenceStats } from '@modelship/data-validation';
import { computePredictionReference } from '@modelship/data-validation';
import type { BundleMetadata } from '@modelship/model-bundle';
import { verifyBundle } from '@modelship/model-bundle';
import { openRegistry } from '@modelship/model-registry';
import type { Params } from '@modelship/params';
import { readTaskGateDefaults } from '@modelship/params';
import { finalizeModelBundle } from '../bundle/finalize-model-bundle.js';
import { selectPredictedValues } from '../data/compute-training-reference-stats.js';
import { readTrainingSplit } from '../testing/read-training-split.js';
import type { TaskDataset } from '@modelship/data-validation/testing';
import { writeTaskDataset } from '@modelship/data-validation/testing';
import { locateEvaluationInputs, readEvaluationInputs } from '../evaluate/evaluation-inputs.js';
import { runOnnxModel } from '../evaluate/run-onnx-model.js';
import { evaluateTaskModel } from './evaluate-task-model.js';
import { createHoldout } from '../gate/champion-on-holdout.js';
import { createRegistryMetricsSource } from '../gate/registry-metrics-source.js';
import { gateModel } from './gate-model.js';
import { registerBundle, selectRegistryUrl } from './register-model.js';
import type { StepContext } from './step-context.js';
import { trainModel } from './train-model.js';

// train -> evaluate -> gate for each non-binary task, on generated data with other column names,
// an id, an ignored column and missing values.
let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'modelship-tasks-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

function createContext(task: 'multiclass' | 'regression', data: TaskDataset, lines: string[]): StepContext {
  const params: Params = {
    task,
    data: { path: data.csvPath, dvc: 'data.dvc', schema: data.schemaPath, target: data.target },
    split: { test: 0.2, validation: 0.15, seed: 3, stratify: true },
    validation: { report_dir: 'reports', max_examples: 5 },
    drift: { bins: 10, psi_warn: 0.1, psi_alert: 0.25, ks_alert: 0.1, chi2_p_value: 0.01 },
    model: { name: data.schema.name, hidden_units: [16], epochs: 25, batch_size: 64, learning_rate: 0.02, seed: 4 },
    evaluate: { threshold: 0.5 },
    gate: readTaskGateDefaults(task),
    registry: { url: 'file:.modelship/registry' },
  };
  return { root, params, log: (line) => lines.push(line) };
}

async function runTask(task: 'multiclass' | 'regression') {
  const data = await writeTaskDataset(join(root, task), task, { rows: 1_500, seed: 11 });
  const lines: string[] = [];
  const ctx = createContext(task, data, lines);
  const trained = await trainModel(ctx, { bundleDir: `out/${task}` });
  await finalizeModelBundle(ctx, trained.bundleDir);
  const features: FeatureMatrix = trained.evaluationInputs.test.features;
  // As `modelship evaluate` does in its own process: from the folder train handed over.
  const evaluated = await evaluateTaskModel(ctx, trained.bundleDir, readEvaluationInputs(locateEvaluationInputs(trained.bundleDir)));
  const gate = await gateModel(ctx, { bundleDir: trained.bundleDir });
  const metadata = await finalizeModelBundle(ctx, trained.bundleDir);
  const onnx = await runOnnxModel(join(trained.bundleDir, 'model.onnx'), features);
  const tfjs = await trained.predict(trained.test.rows);
  return { ctx, trained, evaluated, gate, metadata, onnx, tfjs, lines };
}

// Registers the run's bundle as production, then gates the same bundle against it: re-scored on
// the same holdout, the champion must score exactly its own metrics.json, so "not better".
async function gateAgainstItself(run: Awaited<ReturnType<typeof runTask>>) {
  const registered = await registerBundle(run.ctx, run.trained.bundleDir, { promote: true });
  expect(registered.promoted).toBe(true);
  const registry = await openRegistry(selectRegistryUrl(run.ctx), { root });
  const holdout = createHoldout(run.trained.evaluationInputs, 0.5);
  const against = createRegistryMetricsSource(registry, run.ctx.params.model.name, holdout);
  const production = await against.load();
  const gate = await gateModel(run.ctx, { bundleDir: run.trained.bundleDir, against });
  return { production, gate, metrics: run.evaluated.metrics };
}

function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>, scale = 1): number {
  let max = 0;
  for (let i = 0; i < a.length; i += 1) max = Math.max(max, Math.abs((a[i] ?? 0) - (b[i] ?? 0)) / scale);
  return max;
}

describe('the pipeline on a three-class text target', () => {
  let run: Awaited<ReturnType<typeof runTask>>;
  beforeAll(async () => {
    run = await runTask('multiclass');
  }, 120_000);

  it('records the task and the sorted class vocabulary in the verified bundle', async () => {
    expect(run.metadata.task).toBe('multiclass');
    expect(run.metadata.target).toEqual({ column: 'priority', classes: ['low', 'normal', 'urgent'] });
    const verified: BundleMetadata = await verifyBundle(run.trained.bundleDir);
    expect(verified.task).toBe('multiclass');
  });

  it('writes metrics.json with flat numeric keys, better than the majority class', async () => {
    const metrics = JSON.parse(await readFile(join(run.trained.bundleDir, 'metrics.json'), 'utf8')) as Record<string, unknown>;
    for (const key of ['accuracy', 'macro_f1', 'weighted_f1', 'roc_auc', 'log_loss', 'test_rows', 'baseline_majority_class_accuracy'])
      expect(typeof metrics[key]).toBe('number');
    expect(Object.values(metrics).every((value) => typeof value === 'number')).toBe(true);
    expect(metrics['accuracy']).toBeGreaterThan((metrics['baseline_majority_class_accuracy'] as number) + 0.1);
    expect(metrics['log_loss']).toBeLessThan(metrics['baseline_majority_class_log_loss'] as number);
    // The classes follow thresholds on a weighted sum here, so the linear baseline is strong too.
    expect(metrics['baseline_logistic_regression_accuracy']).toBeGreaterThan(metrics['baseline_majority_class_accuracy'] as number);
    expect(metrics['macro_f1']).toBeGreaterThan((metrics['baseline_logistic_regression_macro_f1'] as number) - 0.1);
    expect(run.evaluated.evaluation.task === 'multiclass' && run.evaluated.evaluation.network.confusion).toHaveLength(3);
  });

  it('gates on the multiclass defaults and writes the card per task', async () => {
    expect(run.gate.checks.map((check) => check.metric).sort()).toEqual(['accuracy', 'macro_f1']);
    expect(run.gate.passed).toBe(true);
    const card = await readFile(join(run.trained.bundleDir, 'card.md'), 'utf8');
    expect(card).toContain('A multiclass classifier that predicts `priority` (3 classes: `low`, `normal`, `urgent`)');
    expect(card).toContain('## Confusion matrix');
    expect(card).toContain('from 3 tabular features');
    for (const plot of ['plots/confusion-matrix.svg', 'plots/calibration.svg']) {
      expect(card).toContain(`](${plot})`);
      expect(existsSync(join(run.trained.bundleDir, plot))).toBe(true);
    }
    expect(card).toContain('![Top-label calibration');
    expect(run.metadata.files).toHaveProperty(['plots/confusion-matrix.svg']);
  });

  it('writes the predicted classes on the training split as a categorical prediction reference', async () => {
    const stats = JSON.parse(await readFile(join(run.trained.bundleDir, 'reference-stats.json'), 'utf8')) as ReferenceStats;
    const outputs = await run.trained.predict(await readTrainingSplit(run.ctx));
    const predicted = selectPredictedValues({ task: run.trained.task, outputs }) as string[];
    expect(stats.prediction).toEqual(computePredictionReference(predicted, { bins: 10 }));
    expect(stats.prediction).toMatchObject({ kind: 'categorical', count: run.trained.result.split.train, other: 0 });
    expect([...(stats.prediction as CategoricalReference).categories].sort()).toEqual(['low', 'normal', 'urgent']);
  });

  it('re-scores the production model on the same holdout with the multiclass metrics, higher macro F1 is better', async () => {
    const { production, gate, metrics } = await gateAgainstItself(run);
    expect(production?.evaluatedOn).toBe(`the same holdout (${run.trained.test.rows.length} rows)`);
    for (const key of ['accuracy', 'macro_f1', 'weighted_f1', 'log_loss'])
      expect(production?.metrics[key]).toBeCloseTo(metrics[key] ?? Number.NaN, 6);
    expect(gate.checks.at(-1)).toMatchObject({ check: 'better than production', metric: 'macro_f1', comparator: '>', passed: false });
    expect(gate.championChallenger?.metrics.map((m) => m.metric)).toEqual(expect.arrayContaining(['macro_f1', 'accuracy', 'weighted_f1']));
  });

  it('answers K probabilities per row from ONNX, equal to TensorFlow.js within 1e-5', () => {
    expect(run.onnx.width).toBe(3);
    expect(run.onnx.values).toHaveLength(run.tfjs.length);
    expect(maxDifference(run.onnx.values, run.tfjs)).toBeLessThan(1e-5);
  });
});

describe('the pipeline on a price target', () => {
  let run: Awaited<ReturnType<typeof runTask>>;
  beforeAll(async () => {
    run = await runTask('regression');
  }, 120_000);

  it('records task regression and no classes', () => {
    expect(run.metadata.task).toBe('regression');
    expect(run.metadata.target).toEqual({ column: 'price_eur' });
  });

  it('writes RMSE, MAE, R² and MAPE, with RMSE well below the target spread and the mean baseline', async () => {
    const metrics = JSON.parse(await readFile(join(run.trained.bundleDir, 'metrics.json'), 'utf8')) as Record<string, number>;
    expect(Object.keys(metrics)).toEqual(expect.arrayContaining(['rmse', 'mae', 'r2', 'mape', 'test_rows', 'baseline_mean_rmse']));
    const labels = Array.from(run.trained.test.labels);
    const mean = labels.reduce((sum, v) => sum + v, 0) / labels.length;
    const std = Math.sqrt(labels.reduce((sum, v) => sum + (v - mean) ** 2, 0) / labels.length);
    expect(metrics['rmse']).toBeLessThan(std * 0.6);
    expect(metrics['rmse']).toBeLessThan(metrics['baseline_mean_rmse'] ?? 0);
    // The price is linear in the features here, so ridge is a strong baseline: the network stays close.
    expect(metrics['rmse']).toBeLessThan((metrics['baseline_ridge_rmse'] ?? 0) * 1.25);
    expect(metrics['r2']).toBeGreaterThan(0.5);
  });

  it('writes the residuals, predicted-against-actual and error-by-slice plots, listed in the card', async () => {
    const card = await readFile(join(run.trained.bundleDir, 'card.md'), 'utf8');
    for (const plot of ['plots/residuals.svg', 'plots/predicted-vs-actual.svg', 'plots/error-by-slice.svg']) {
      expect(card).toContain(`](${plot})`);
      expect(existsSync(join(run.trained.bundleDir, plot))).toBe(true);
    }
    expect(card).toMatch(/## Error by slice[\s\S]*\| `district` \| `\w+` \| \d+ \| [\d.]+ \| [\d.]+ \|/);
    const evaluation = JSON.parse(await readFile(join(run.trained.bundleDir, 'evaluation.json'), 'utf8')) as { slices: Record<string, { count: number }[]> };
    expect(Object.keys(evaluation.slices)).toEqual(['district']);
    expect(evaluation.slices['district']?.reduce((sum, slice) => sum + slice.count, 0)).toBe(run.trained.test.rows.length);
  });

  it('gates on R² above 0, and would compare RMSE as lower-is-better', () => {
    expect(run.gate.checks.map((check) => `${check.metric} ${check.comparator}`)).toEqual(['r2 >=']);
    expect(run.gate.passed).toBe(true);
  });

  it("writes the predicted values on the training split, in the target's units, as a numeric prediction reference", async () => {
    const stats = JSON.parse(await readFile(join(run.trained.bundleDir, 'reference-stats.json'), 'utf8')) as ReferenceStats;
    const outputs = await run.trained.predict(await readTrainingSplit(run.ctx));
    expect(stats.prediction).toEqual(computePredictionReference(outputs, { bins: 10 }));
    expect(stats.prediction).toMatchObject({ kind: 'numeric', count: run.trained.result.split.train, missing: 0 });
    const { edges, min } = stats.prediction as NumericReference;
    expect(edges).toHaveLength(9);
    expect(min).toBeGreaterThan(10_000);
  });

  it('re-scores the production model on the same holdout with the regression metrics, lower RMSE is better', async () => {
    const { production, gate, metrics } = await gateAgainstItself(run);
    expect(production?.evaluatedOn).toBe(`the same holdout (${run.trained.test.rows.length} rows)`);
    for (const key of ['rmse', 'mae', 'r2']) expect(production?.metrics[key]).toBeCloseTo(metrics[key] ?? Number.NaN, 4);
    expect(gate.checks.at(-1)).toMatchObject({ check: 'better than production', metric: 'rmse', comparator: '<', passed: false });
    expect(gate.championChallenger?.metrics.map((m) => m.metric)).toEqual(expect.arrayContaining(['rmse', 'mae', 'r2']));
  });

  it("answers the value in the target's units from ONNX, equal to TensorFlow.js within 1e-5 relative", () => {
    expect(run.onnx.width).toBe(1);
    const scale = Math.max(...Array.from(run.tfjs, Math.abs));
    expect(maxDifference(run.onnx.values, run.tfjs, scale)).toBeLessThan(1e-5);
    expect(Math.min(...Array.from(run.onnx.values))).toBeGreaterThan(10_000);
  });
});
