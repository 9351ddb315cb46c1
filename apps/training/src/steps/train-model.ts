import { join } from 'node:path';
import { loadSchema } from '@modelship/data-validation';
import type { FeatureSpec, RawRow } from '@modelship/features';
import { fitFeatureSpec, transformRows } from '@modelship/features';
import { DEFAULT_PATHS, readTask, resolveFromRoot } from '@modelship/params';
import { writeBundleInputs, writeJson } from '../bundle/write-bundle-inputs.js';
import type { TaskDataset } from '../data/load-task-dataset.js';
import { loadTaskDataset } from '../data/load-task-dataset.js';
import type { LabelArray } from '../data/select-rows.js';
import { selectLabels, selectRows } from '../data/select-rows.js';
import { withTargetColumn } from '@modelship/data-validation';
import type { EvaluationInputs } from '../evaluate/evaluation-inputs.js';
import { locateEvaluationInputs, writeEvaluationInputs } from '../evaluate/evaluation-inputs.js';
import { checkTaskSupported } from '../train/check-task-supported.js';
import { fitModel } from '../train/fit-model.js';
import type { ModelSummary } from '../train/model-family.js';
import type { FamilyParams } from '../train/family-params.js';
import type { ModelParams } from '../train/model-params.js';
import { readFamilyParams } from '../train/family-params.js';
import { readModelParams } from '../train/model-params.js';
import type { LabelledMatrix } from '../train/train-network.js';
import type { TrainingProgress } from '../train/training-progress.js';
import type { TrainResult } from './train-result.js';
import type { StepContext } from './step-context.js';
import { binaryLabels, countSplit, describeTarget, describeTaskLabels, readModelHead, splitForTask } from './_task-training.js';

export const TRAIN_RESULT_FILE = 'train-result.json';

export interface TrainModelOptions {
  /** Where the bundle's files go, relative to the workspace root. @default DEFAULT_PATHS.bundle */
  bundleDir?: string;
  /** The mlp's epoch display; a progress bar or a line per epoch by default. */
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
   * The trained model's answers for raw rows (the same transform serving applies): binary one
   * probability per row, multiclass K per row (row-major), regression the value in the target's
   * own units, as the ONNX model answers. Asynchronous, as an imported model answers through
   * onnxruntime-node.
   */
  predict(rows: readonly RawRow[]): Promise<Float32Array>;
}

/**
 * Loads and splits the data, fits the feature spec on the training split only, trains the
 * family params.yaml `model.type` names (or, for `auto`, the best of them on the validation
 * split) and writes model.onnx (and tfjs/ for the mlp), feature-spec.json, input-schema.json,
 * reference-stats.json and train-result.json into the bundle folder.
 */
export async function trainModel(
  ctx: StepContext,
  options: TrainModelOptions = {},
): Promise<TrainModelOutput> {
  const started = performance.now();
  const { params, root, log } = ctx;
  const modelParams = readModelParams(params.model);
  const familyParams = readFamilyParams(params.model);
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

  const { model, selection } = await fitModel(familyParams.type, {
    params,
    head: readModelHead(dataset),
    spec,
    train,
    validation,
    log,
    ...(options.progress ? { progress: options.progress } : {}),
  });
  const fitted = performance.now();

  const bundleDir = resolveFromRoot(root, options.bundleDir ?? DEFAULT_PATHS.bundle);
  const trainPredictions = { task: dataset, outputs: model.predict(train.x, train.rows) };
  await writeBundleInputs(bundleDir, {
    schema,
    spec,
    target: dataset.target.column,
    trainRows,
    predictions: trainPredictions,
    bins: params.drift?.bins ?? 10,
  });
  await model.writeModel(bundleDir, spec);
  const finished = performance.now();

  const result: TrainResult = {
    modelType: model.type,
    model: model.summary,
    ...(selection ? { selection } : {}),
    ...keepNetworkFields(model.summary),
    libraries: { ...model.libraries, node: process.versions.node },
    ...describeTarget(dataset),
    rows: dataset.rows.length,
    split: countSplit(split),
    features: spec.width,
    timings: {
      loadSeconds: seconds(started, loaded),
      featuresSeconds: seconds(loaded, featured),
      trainSeconds: seconds(featured, fitted),
      exportSeconds: seconds(fitted, finished),
      totalSeconds: seconds(started, finished),
    },
    params: recordModelParams(modelParams, familyParams),
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
    predict: async (rows) => {
      const matrix = transformRows(spec, rows);
      return model.predict(matrix.data, matrix.rows);
    },
  };
}

// --- internal ---

// The network's figures stay at the top level of an mlp run's train-result.json, as before
// model families existed (the card and the benchmarks read them there).
function keepNetworkFields(summary: ModelSummary): Partial<TrainResult> {
  if (summary.type !== 'mlp') return {};
  const { backend, backendFallback, epochsRun, bestEpoch, stoppedEarly, history } = summary;
  return { backend, backendFallback, epochsRun, bestEpoch, stoppedEarly, history };
}

// The type, and each family block the run used (both for auto): what produced this model.
function recordModelParams(modelParams: ModelParams, family: FamilyParams): TrainResult['params'] {
  const uses = (type: 'linear' | 'gbdt') => family.type === type || family.type === 'auto';
  return {
    ...modelParams,
    type: family.type,
    ...(uses('linear') ? { linear: family.linear } : {}),
    ...(uses('gbdt') ? { gbdt: family.gbdt } : {}),
  };
}

function toMatrix<Y extends LabelArray>(spec: FeatureSpec, rows: readonly RawRow[], labels: Y): LabelledMatrix<Y> {
  const matrix = transformRows(spec, rows);
  return { x: matrix.data, y: labels, rows: matrix.rows, width: matrix.width };
}

function seconds(from: number, to: number): number {
  return Math.round(to - from) / 1000;
}
