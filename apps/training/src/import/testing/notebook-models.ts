// Stand-ins for models a data scientist exports from a Python notebook, for the Node tests of
// `modelship import` and of serving (which never depend on Python): ONNX files shaped as skl2onnx
// and onnxmltools write them, with weights fitted by the kit's own fitters on a generated dataset
// (writeTaskDataset: an id column, an ignored column, missing values), so they are good models.
// Each comes with a fresh labelled sample of the same dataset to import it with.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Task } from '@modelship/core';
import type { DatasetSchema } from '@modelship/data-validation';
import { getMissingValues, withTargetColumn } from '@modelship/data-validation';
import { writeTaskDataset } from '@modelship/data-validation/testing';
import type { RawRow } from '@modelship/features';
import { loadTaskDataset, sortClasses } from '../../data/load-task-dataset.js';
import { GBDT_TEST_PARAMS } from '../../gbdt/testing/gbdt-fixtures.js';
import type { ModelFlaw } from './_bad-models.js';
import { breakModel } from './_bad-models.js';
import { FLOATS, isNumeric, PANDAS_DTYPES, toColumnInputs } from './_column-transformer.js';
import { fitLightgbmClassifier, ONNXMLTOOLS } from './_lightgbm-classifier.js';
import type { FittedNotebookModel, NotebookTrainingData } from './_sklearn-pipelines.js';
import { fitLogisticPipeline, fitRidgePipeline, SKL2ONNX } from './_sklearn-pipelines.js';

/**
 * - `sklearn-pipeline-binary`: skl2onnx's ColumnTransformer(OneHotEncoder, Imputer + StandardScaler)
 *   + LogisticRegression on the loans dataset: one input per feature column ([None, 1], string for
 *   text and boolean columns, float for numbers), outputs `output_label` (the target's texts, or
 *   int64 0/1 with `labels: 'int64'`) and `output_probability` (ZipMap keyed by those labels).
 * - `trees-multiclass`: onnxmltools' LightGBM with zipmap off on the tickets dataset: one float
 *   input `input` [None, F] of the numeric features in the schema's order (the text column is an
 *   `ignore` column of the schema written beside the sample), TreeEnsembleClassifier, outputs
 *   `label` (int64 0..K-1, or the texts with `labels: 'string'`) and `probabilities` [None, K].
 * - `regressor`: skl2onnx's ColumnTransformer + Ridge on the listings dataset: one input per column,
 *   double for `number`, int64 for `integer`, string for text columns; output `variable` [None, 1].
 * - bad ones, each a good model with one flaw: `bad-unknown-operator` (the binary pipeline with an
 *   `ai.onnx.ml` RobustScaler, which no runtime implements), `bad-unmatched-input` (the binary
 *   pipeline with its first numeric input renamed `<column>_v2`), `bad-second-dynamic-dim` (the
 *   trees with input [None, "n_features"]), `bad-regression-for-classifier` (a LinearRegressor
 *   on the loans columns answering `variable`, given with the binary target).
 */
export type NotebookModelKind =
  | 'sklearn-pipeline-binary'
  | 'trees-multiclass'
  | 'regressor'
  | 'bad-unknown-operator'
  | 'bad-unmatched-input'
  | 'bad-second-dynamic-dim'
  | 'bad-regression-for-classifier';

export interface NotebookModelOptions {
  /** Rows of the labelled sample to import with. @default 2000 */
  rows?: number;
  /** Rows the notebook fitted the model on (another draw of the same dataset). @default 3000 */
  trainingRows?: number;
  /** @default 11 */
  seed?: number;
  /**
   * Classifiers: the model's class labels, the target's texts or int64 class ids 0..K-1 (a
   * notebook that encoded the target first, as XGBoost requires). @default 'string' for the
   * scikit-learn pipeline, 'int64' for the trees
   */
  labels?: 'int64' | 'string';
}

export interface NotebookModel {
  kind: NotebookModelKind;
  /** The .onnx file as the Python exporter would have written it. */
  modelPath: string;
  /** A labelled sample (CSV) the model was not fitted on, and its schema. */
  dataPath: string;
  schemaPath: string;
  target: string;
  task: Task;
  /** Classifiers: the target's label of each of the model's classes, in the model's order (what `--classes` takes). */
  classes?: string[];
  /** Binary: the positive label. */
  positive?: string;
  /** The ONNX producer_name and producer_version written in the file. */
  producer: { name: string; version: string };
  /**
   * What the fitted model answers for raw rows (as in the CSV), computed by the fitter itself, not
   * by onnxruntime: per row the probability of each of `classes` (row-major), or the value.
   */
  predict: (rows: readonly RawRow[]) => Float64Array;
}

/** Writes the model of `kind` and its labelled sample into `dir` (created if needed). */
export async function writeNotebookModel(
  kind: NotebookModelKind,
  dir: string,
  options: NotebookModelOptions = {},
): Promise<NotebookModel> {
  const recipe = RECIPES[kind];
  const { rows = 2000, trainingRows = 3000, seed = 11 } = options;
  const sample = await writeTaskDataset(dir, recipe.task, { rows, seed });
  const schema = recipe.schema?.(sample.schema) ?? sample.schema;
  await writeFile(sample.schemaPath, `${JSON.stringify(schema, null, 2)}\n`);
  const training = await writeTaskDataset(join(dir, 'notebook-training'), recipe.task, {
    rows: trainingRows,
    seed: seed + 1,
  });
  const dataset = await loadTaskDataset(
    training.csvPath,
    withTargetColumn(schema, training.target),
    recipe.task,
  );
  const classes = dataset.classes ? sortClasses(dataset.classes) : undefined;
  // Notebooks see the classes sorted (scikit-learn's classes_); the kit's binary labels are 1 for the positive.
  const targets =
    dataset.task === 'binary'
      ? Uint8Array.from(dataset.labels, (label) => Number(dataset.classes[label] === classes?.[1]))
      : dataset.labels;
  const data: NotebookTrainingData = {
    rows: dataset.rows,
    targets,
    missingValues: getMissingValues(schema),
  };
  const fitted = recipe.fit(data, schema, classes ?? [], options);
  const modelPath = join(dir, `${kind}.onnx`);
  await writeFile(modelPath, recipe.flaw ? breakModel(fitted.bytes, recipe.flaw) : fitted.bytes);
  return {
    kind,
    modelPath,
    dataPath: sample.csvPath,
    schemaPath: sample.schemaPath,
    target: sample.target,
    task: recipe.task,
    ...(classes ? { classes } : {}),
    ...(schema.target.kind === 'binary' && schema.target.positive
      ? { positive: schema.target.positive }
      : {}),
    producer: recipe.producer,
    predict: fitted.predict,
  };
}

// --- internal ---

interface Recipe {
  task: Task;
  producer: { name: string; version: string };
  /** The schema written beside the sample, when it is not the generated one. */
  schema?: (generated: DatasetSchema) => DatasetSchema;
  fit: (
    data: NotebookTrainingData,
    schema: DatasetSchema,
    classes: string[],
    options: NotebookModelOptions,
  ) => FittedNotebookModel;
  flaw?: ModelFlaw;
}

const BINARY_PIPELINE: Recipe = {
  task: 'binary',
  producer: SKL2ONNX,
  fit: (data, schema, classes, options) =>
    fitLogisticPipeline(
      data,
      toColumnInputs(schema, FLOATS),
      options.labels === 'int64' ? [0, 1] : [classes[0] ?? '', classes[1] ?? ''],
    ),
};

const TREES: Recipe = {
  task: 'multiclass',
  producer: ONNXMLTOOLS,
  // The trees read numbers only: the notebook dropped the text features, which the schema now ignores.
  schema: (generated) => ({
    ...generated,
    columns: generated.columns.map((column) =>
      column.role === 'feature' && !isNumeric(column)
        ? { ...column, role: 'ignore' as const }
        : column,
    ),
  }),
  fit: (data, schema, classes, options) =>
    fitLightgbmClassifier(data, {
      columns: schema.columns
        .filter((column) => column.role === 'feature' && isNumeric(column))
        .map((column) => column.name),
      classes: classes.length,
      labels: options.labels === 'string' ? classes : classes.map((_, index) => index),
      params: GBDT_TEST_PARAMS,
    }),
};

const RECIPES: Readonly<Record<NotebookModelKind, Recipe>> = {
  'sklearn-pipeline-binary': BINARY_PIPELINE,
  'trees-multiclass': TREES,
  regressor: {
    task: 'regression',
    producer: SKL2ONNX,
    fit: (data, schema) => fitRidgePipeline(data, toColumnInputs(schema, PANDAS_DTYPES)),
  },
  'bad-unknown-operator': { ...BINARY_PIPELINE, flaw: 'unknown-operator' },
  'bad-unmatched-input': { ...BINARY_PIPELINE, flaw: 'unmatched-input' },
  'bad-second-dynamic-dim': { ...TREES, flaw: 'second-dynamic-dim' },
  'bad-regression-for-classifier': {
    task: 'binary',
    producer: SKL2ONNX,
    fit: (data, schema) => fitRidgePipeline(data, toColumnInputs(schema, FLOATS)),
  },
};
