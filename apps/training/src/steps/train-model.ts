import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Tensor } from '@tensorflow/tfjs';
import type { DatasetSchema } from '@modelship/data-validation';
import { loadSchema } from '@modelship/data-validation';
import type { FeatureSpec, RawRow } from '@modelship/features';
import { fitFeatureSpec, transformRows } from '@modelship/features';
import { BUNDLE_FILES } from '@modelship/model-bundle';
import { DEFAULT_PATHS, readTask, resolveFromRoot } from '@modelship/params';
import type { TrainingPredictions } from '../data/compute-training-reference-stats.js';
import { computeTrainingReferenceStats } from '../data/compute-training-reference-stats.js';
import type { TaskDataset } from '../data/load-task-dataset.js';
import { loadTaskDataset } from '../data/load-task-dataset.js';
import type { LabelArray } from '../data/select-rows.js';
import { selectLabels, selectRows } from '../data/select-rows.js';
import { withTargetColumn } from '@modelship/data-validation';
import type { EvaluationInputs } from '../evaluate/evaluation-inputs.js';
import { locateEvaluationInputs, writeEvaluationInputs } from '../evaluate/evaluation-inputs.js';
import { exportOnnxModel } from '../export/export-onnx-model.js';
import { toOnnxHead } from '../export/to-onnx-head.js';
import { saveTfjsModel } from '../export/save-tfjs-model.js';
import { checkTaskSupported } from '../train/check-task-supported.js';
import { loadTensorflow } from '../train/load-tensorflow.js';
import { readModelParams } from '../train/model-params.js';
import { restoreTargetUnits } from '../train/target-scaling.js';
import type { LabelledMatrix } from '../train/train-network.js';
import { trainNetwork } from '../train/train-network.js';
import type { TrainingProgress } from '../train/training-progress.js';
import { createTrainingProgress } from '../train/training-progress.js';
import type { TrainResult } from './train-result.js';
import type { StepContext } from './step-context.js';
import { binaryLabels, describeTarget, describeTaskLabels, readNetworkHead, splitForTask } from './_task-training.js';

export const TRAIN_RESULT_FILE = 'train-result.json';

export interface TrainModelOptions {
  /** Where the bundle's files go, relative to the workspace root. @default DEFAULT_PATHS.bundle */
  bundleDir?: string;
  progress?: TrainingProgress;
}

export interface TrainModelOutput {
  bundleDir: string;
  featureSpec: FeatureSpec;
  result: TrainResult;
  /** The held-out test split, raw, for the evaluation step: labels as `TaskDataset` holds them. */
  test: { rows: RawRow[]; labels: LabelArray };
  /** The task trained, with its class vocabulary (null for regression). */
  task: Pick<TaskDataset, 'task' | 'classes'>;
  /**
   * What binary evaluation needs (also written to `<bundle>/../evaluation-inputs` for
   * `modelship evaluate`); multiclass and regression evaluate from `test` and `predict`.
   */
  evaluationInputs: EvaluationInputs;
  /**
   * The trained network's answers for raw rows (the same transform serving applies): binary one
   * probability per row, multiclass K per row (row-major), regression the value in the target's
   * own units, as the ONNX model answers.
   */
  predict(rows: readonly RawRow[]): Float32Array;
}

/**
 * Loads and splits the data, fits the feature spec on the training split only, trains the MLP
 * and writes model.onnx, tfjs/, feature-spec.json, input-schema.json, reference-stats.json and
 * train-result.json into the bundle folder.
 */
export async function trainModel(
  ctx: StepContext,
  options: TrainModelOptions = {},
): Promise<TrainModelOutput> {
  const started = performance.now();
  const { params, root, log } = ctx;
  const modelParams = readModelParams(params.model);
  const schema = withTargetColumn(
    await loadSchema(resolveFromRoot(root, params.data.schema)),
    params.data.target,
  );
  const task = readTask(params);
  checkTaskSupported(task, schema, params.data.schema);
  const dataset = await loadTaskDataset(resolveFromRoot(root, params.data.path), schema, task);
  const split = splitForTask(dataset, params.split);
  log(
    `data: ${dataset.rows.length} rows; train ${split.train.length}, validation ${split.validation.length}, test ${split.test.length}`,
  );
  const loaded = performance.now();

  const trainRows = selectRows(dataset.rows, split.train);
  const spec = fitFeatureSpec(trainRows, schema, {
    minCategoryCount: modelParams.minCategoryCount,
    maxCategories: modelParams.maxCategories,
  });
  const train = toMatrix(spec, trainRows, selectLabels(dataset.labels, split.train));
  const validation = toMatrix(
    spec,
    selectRows(dataset.rows, split.validation),
    selectLabels(dataset.labels, split.validation),
  );
  const featured = performance.now();

  const { tf, backend, fallbackReason } = await loadTensorflow();
  log(
    `tensorflow.js ${tf.version.tfjs} on the ${backend} backend${fallbackReason ? ` (${fallbackReason})` : ''}`,
  );
  const progress = options.progress ?? createTrainingProgress(log);
  const trained = await trainNetwork(
    tf,
    modelParams,
    train,
    validation,
    (entry) => progress.epoch(entry, modelParams.epochs),
    readNetworkHead(dataset, params.model),
  );
  progress.stop();
  log(`trained ${trained.epochsRun} epochs; best validation loss at epoch ${trained.bestEpoch}`);
  const fitted = performance.now();

  // The network's answers as the ONNX model gives them: regression in the target's own units.
  const predictMatrix = (x: Float32Array, rows: number, width: number): Float32Array => {
    const input = tf.tensor2d(x, [rows, width]);
    const output = trained.model.predict(input) as Tensor;
    const answers = output.dataSync() as Float32Array;
    tf.dispose([input, output]);
    const { targetScaling } = trained;
    return targetScaling === null ? answers : Float32Array.from(restoreTargetUnits(answers, targetScaling));
  };
  const bundleDir = resolveFromRoot(root, options.bundleDir ?? DEFAULT_PATHS.bundle);
  const trainPredictions = { task: dataset, outputs: predictMatrix(train.x, train.rows, train.width) };
  await writeBundleFiles(bundleDir, schema, spec, dataset, trainRows, params.drift?.bins ?? 10, trainPredictions);
  await exportOnnxModel(trained.model, spec, join(bundleDir, BUNDLE_FILES.onnx), toOnnxHead(trained));
  await saveTfjsModel(tf, trained.model, join(bundleDir, BUNDLE_FILES.tfjsDir));
  const finished = performance.now();

  const result: TrainResult = {
    backend,
    backendFallback: fallbackReason,
    libraries: { '@tensorflow/tfjs': tf.version.tfjs, node: process.versions.node },
    ...describeTarget(dataset),
    rows: dataset.rows.length,
    split: {
      train: split.train.length,
      validation: split.validation.length,
      test: split.test.length,
    },
    features: spec.width,
    epochsRun: trained.epochsRun,
    bestEpoch: trained.bestEpoch,
    stoppedEarly: trained.stoppedEarly,
    timings: {
      loadSeconds: seconds(started, loaded),
      featuresSeconds: seconds(loaded, featured),
      trainSeconds: seconds(featured, fitted),
      exportSeconds: seconds(fitted, finished),
      totalSeconds: seconds(started, finished),
    },
    history: trained.history,
    params: modelParams,
  };
  await writeJson(join(bundleDir, TRAIN_RESULT_FILE), result);
  const testRows = selectRows(dataset.rows, split.test);
  const test = toMatrix(spec, testRows, selectLabels(dataset.labels, split.test));
  const evaluationInputs: EvaluationInputs = {
    featureNames: spec.featureNames,
    train: {
      features: { rows: train.rows, columns: train.width, values: train.x },
      labels: binaryLabels(train.y),
    },
    test: {
      rows: testRows,
      features: { rows: test.rows, columns: test.width, values: test.x },
      labels: binaryLabels(test.y),
    },
    ...describeTaskLabels(dataset, train.y, test.y),
  };
  writeEvaluationInputs(locateEvaluationInputs(bundleDir), evaluationInputs);
  log(`wrote ${bundleDir} in ${result.timings.totalSeconds.toFixed(1)}s`);

  return {
    bundleDir,
    featureSpec: spec,
    result,
    test: { rows: testRows, labels: test.y },
    task: { task: dataset.task, classes: dataset.classes },
    evaluationInputs,
    predict: (rows) => {
      const matrix = transformRows(spec, rows);
      return predictMatrix(matrix.data, matrix.rows, matrix.width);
    },
  };
}

// --- internal ---

function toMatrix<Y extends LabelArray>(spec: FeatureSpec, rows: readonly RawRow[], labels: Y): LabelledMatrix<Y> {
  const matrix = transformRows(spec, rows);
  return { x: matrix.data, y: labels, rows: matrix.rows, width: matrix.width };
}

async function writeBundleFiles(
  bundleDir: string,
  schema: DatasetSchema,
  spec: FeatureSpec,
  dataset: TaskDataset,
  trainRows: readonly RawRow[],
  bins: number,
  predictions: TrainingPredictions,
): Promise<void> {
  // A stale file from an earlier run must never end up beside a new model.
  await rm(bundleDir, { recursive: true, force: true });
  await mkdir(bundleDir, { recursive: true });
  // Every column but the target: serving takes a row of the user's CSV as it is, id and ignored
  // columns included (accepted, never used: the feature spec reads the features only).
  const inputs = schema.columns.filter(
    (c) => c.role !== 'target' && c.name !== dataset.target.column,
  );
  await writeJson(join(bundleDir, BUNDLE_FILES.featureSpec), spec);
  await writeJson(join(bundleDir, BUNDLE_FILES.inputSchema), { ...schema, columns: inputs });
  const stats = await computeTrainingReferenceStats(trainRows, schema, bins, predictions);
  await writeJson(join(bundleDir, BUNDLE_FILES.referenceStats), stats);
}

async function writeJson(file: string, value: unknown): Promise<void> {
  await writeFile(file, `${JSON.stringify(value, null, 2)}\n`);
}

function seconds(from: number, to: number): number {
  return Math.round(to - from) / 1000;
}
