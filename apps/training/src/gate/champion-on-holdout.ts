import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BundleMetadata } from '@modelship/model-bundle';
import { BUNDLE_FILES, getBundleTask } from '@modelship/model-bundle';
import { assertFeatureSpec, transformRows, type FeatureSpec, type RawRow } from '@modelship/features';
import type { FeatureMatrix } from '../baseline/feature-matrix.js';
import type { EvaluationInputs } from '../evaluate/evaluation-inputs.js';
import { predictWithOnnx } from '../evaluate/predict-with-onnx.js';
import { runOnnxModel } from '../evaluate/run-onnx-model.js';
import { scoreOutputs } from '../evaluate/score-outputs.js';
import { GateError } from './gate-error.js';

type HoldoutRows = readonly Readonly<Record<string, unknown>>[];

/**
 * The rows the challenger was evaluated on, raw (each model applies its own feature spec), with
 * their labels in a form any model of the task can be scored against: binary 0/1 labels,
 * multiclass class texts (the champion may order its classes differently), regression values.
 */
export type Holdout =
  | { task: 'binary'; rows: HoldoutRows; labels: Uint8Array; /** params.yaml `evaluate.threshold`. */ threshold: number }
  | { task: 'multiclass'; rows: HoldoutRows; labels: readonly string[] }
  | { task: 'regression'; rows: HoldoutRows; labels: Float64Array };

/** The holdout of the evaluation inputs `modelship train` handed over, for any task. */
export function createHoldout(inputs: EvaluationInputs, threshold: number): Holdout {
  const { test, task } = inputs;
  if (!task) return { task: 'binary', rows: test.rows, labels: test.labels, threshold };
  if (task.task === 'regression') return { task: 'regression', rows: test.rows, labels: task.test };
  const classes = task.classes ?? [];
  return { task: 'multiclass', rows: test.rows, labels: Array.from(task.test, (index) => classes[index] ?? String(index)) };
}

/**
 * Scores a bundle's model.onnx on the challenger's holdout, through the bundle's own feature
 * spec, so champion and challenger are measured on the same rows by the same code, and answers
 * metrics under metrics.json's keys for the task (each with its own direction in the gate).
 * @throws FeatureError when the holdout lacks a column the champion needs (the schema changed)
 * @throws GateError `E_GATE_CHAMPION_TASK` when the champion is of another task, or
 *   `E_GATE_CHAMPION_CLASSES` when a holdout class is not in the champion's vocabulary
 */
export async function evaluateOnHoldout(bundleDir: string, holdout: Holdout): Promise<Record<string, number>> {
  const metadata = JSON.parse(readFileSync(join(bundleDir, BUNDLE_FILES.metadata), 'utf8')) as BundleMetadata;
  const championTask = getBundleTask(metadata);
  if (championTask !== holdout.task) {
    throw new GateError(
      'E_GATE_CHAMPION_TASK',
      `the production model is a ${championTask} model and this one is ${holdout.task}, so they cannot be scored on the same labels`,
      championTask,
    );
  }
  const { features, spec } = transformHoldout(bundleDir, holdout.rows);
  const onnx = join(bundleDir, BUNDLE_FILES.onnx);
  if (holdout.task === 'binary') {
    const probabilities = await predictWithOnnx(onnx, features, spec);
    return scoreOutputs('binary', holdout.labels, probabilities, { classes: [], threshold: holdout.threshold });
  }
  const { values } = await runOnnxModel(onnx, features, spec);
  if (holdout.task === 'regression') return scoreOutputs('regression', holdout.labels, values, { classes: [], threshold: Number.NaN });
  const classes = metadata.target.classes ?? [];
  return scoreOutputs('multiclass', indexLabels(holdout.labels, classes), values, { classes, threshold: Number.NaN });
}

// --- internal ---

// The champion's own spec makes its matrix and, for an imported champion, its named inputs.
function transformHoldout(bundleDir: string, rows: HoldoutRows): { features: FeatureMatrix; spec: FeatureSpec } {
  const spec: unknown = JSON.parse(readFileSync(join(bundleDir, BUNDLE_FILES.featureSpec), 'utf8'));
  assertFeatureSpec(spec);
  // The rows come from the dataset loader: CSV texts and nulls, the values RawRow allows.
  const matrix = transformRows(spec, rows as readonly RawRow[]);
  return { features: { rows: matrix.rows, columns: matrix.width, values: matrix.data }, spec };
}

// A class the champion never learned cannot be scored against its K outputs.
function indexLabels(labels: readonly string[], classes: readonly string[]): Uint16Array {
  const index = new Map(classes.map((name, i) => [name, i]));
  return Uint16Array.from(labels, (label) => {
    const at = index.get(label);
    if (at === undefined) {
      throw new GateError(
        'E_GATE_CHAMPION_CLASSES',
        `the production model does not know class "${label}" (its classes: ${classes.map((c) => `"${c}"`).join(', ')})`,
        label,
      );
    }
    return at;
  });
}
