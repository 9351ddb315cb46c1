import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { FeatureMatrix } from '../baseline/feature-matrix.js';
import { EvaluationError } from './evaluation-error.js';
import type { RawRow } from './slices.js';

/**
 * The hand-over from `modelship train` to `modelship evaluate` when they run as separate
 * processes (DVC stages, CI jobs): a folder beside the bundle, `<bundle>/../evaluation-inputs/`.
 *
 *   manifest.json        { formatVersion, columns, featureNames, train: { rows }, test: { rows } }
 *   test-rows.jsonl      the raw test rows, one JSON object per line, in split order (for slices)
 *   test-labels.u8       0/1 per test row
 *   test-features.f32    transformed test features, float32 little-endian, row-major
 *   train-labels.u8      0/1 per training row (the baselines learn from these)
 *   train-features.f32   transformed training features, float32 little-endian, row-major
 *   dataset-schema.json  `modelship import` only: the sample's dataset schema (params.yaml's
 *                        `data.schema` describes another dataset)
 *
 * For multiclass and regression the manifest also names the `task` and its `classes`, and the
 * labels are `test-labels.f64` / `train-labels.f64` (class indices or values, float64
 * little-endian) instead of the 0/1 `.u8` files.
 *
 * It is not part of the bundle: the registry never stores it.
 */
export const EVALUATION_INPUTS_DIR = 'evaluation-inputs';
export const EVALUATION_INPUTS_FORMAT_VERSION = 1;
/** The dataset schema `modelship import` leaves in the folder for a standalone evaluate. */
export const EVALUATION_SCHEMA_FILE = 'dataset-schema.json';

export interface EvaluationInputs {
  featureNames: string[];
  /** 0/1 labels (binary); empty for the other tasks, whose labels are in `task`. */
  train: { features: FeatureMatrix; labels: Uint8Array };
  test: { rows: RawRow[]; features: FeatureMatrix; labels: Uint8Array };
  /** Multiclass and regression only: the task, its classes and its labels. */
  task?: TaskLabels;
}

/** The labels of a multiclass (class indices into `classes`) or regression (values) split. */
export interface TaskLabels {
  task: 'multiclass' | 'regression';
  classes: string[] | null;
  train: Float64Array;
  test: Float64Array;
}

/** The evaluation-inputs folder that belongs to a bundle folder. */
export function locateEvaluationInputs(bundleDir: string): string {
  return join(dirname(resolve(bundleDir)), EVALUATION_INPUTS_DIR);
}

/**
 * The dataset schema to evaluate a bundle with: the one `modelship import` left beside its
 * evaluation inputs, else params.yaml's `data.schema` (given resolved).
 */
export function locateEvaluationSchema(bundleDir: string, paramsSchema: string): string {
  const imported = join(locateEvaluationInputs(bundleDir), EVALUATION_SCHEMA_FILE);
  return existsSync(imported) ? imported : paramsSchema;
}

/** Writes the hand-over folder; training calls this after the split and the feature transform. */
export function writeEvaluationInputs(dir: string, inputs: EvaluationInputs): void {
  mkdirSync(dir, { recursive: true });
  const columns = inputs.train.features.columns;
  writeFileSync(
    join(dir, 'manifest.json'),
    `${JSON.stringify(
      {
        formatVersion: EVALUATION_INPUTS_FORMAT_VERSION,
        columns,
        featureNames: inputs.featureNames,
        train: { rows: inputs.train.features.rows },
        test: { rows: inputs.test.features.rows },
        ...(inputs.task ? { task: inputs.task.task, classes: inputs.task.classes } : {}),
      },
      null,
      2,
    )}\n`,
  );
  writeFileSync(
    join(dir, 'test-rows.jsonl'),
    inputs.test.rows.map((row) => JSON.stringify(row)).join('\n') + '\n',
  );
  if (inputs.task) {
    writeFileSync(join(dir, 'test-labels.f64'), toLittleEndianFloat64(inputs.task.test));
    writeFileSync(join(dir, 'train-labels.f64'), toLittleEndianFloat64(inputs.task.train));
  } else {
    writeFileSync(join(dir, 'test-labels.u8'), Uint8Array.from(inputs.test.labels));
    writeFileSync(join(dir, 'train-labels.u8'), Uint8Array.from(inputs.train.labels));
  }
  writeFileSync(join(dir, 'test-features.f32'), toLittleEndianFloat32(inputs.test.features.values));
  writeFileSync(
    join(dir, 'train-features.f32'),
    toLittleEndianFloat32(inputs.train.features.values),
  );
}

/** Reads the hand-over folder, checking every file against the manifest's row and column counts. */
export function readEvaluationInputs(dir: string): EvaluationInputs {
  const manifestFile = join(dir, 'manifest.json');
  if (!existsSync(manifestFile)) {
    throw new EvaluationError(
      'E_EVAL_INPUTS',
      `${manifestFile} not found: run \`modelship train\` first; it writes the test split there for \`modelship evaluate\`.`,
      manifestFile,
    );
  }
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as {
    formatVersion: number;
    columns: number;
    featureNames: string[];
    train: { rows: number };
    test: { rows: number };
    task?: TaskLabels['task'];
    classes?: string[] | null;
  };
  if (manifest.formatVersion !== EVALUATION_INPUTS_FORMAT_VERSION) {
    throw new EvaluationError(
      'E_EVAL_INPUTS',
      `${manifestFile}: format version ${manifest.formatVersion}, expected ${EVALUATION_INPUTS_FORMAT_VERSION}; re-run \`modelship train\`.`,
      manifest.formatVersion,
    );
  }
  const rows = readFileSync(join(dir, 'test-rows.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as RawRow);
  const task = manifest.task;
  const inputs: EvaluationInputs = {
    featureNames: manifest.featureNames,
    train: {
      features: readMatrix(join(dir, 'train-features.f32'), manifest.train.rows, manifest.columns),
      labels: task ? new Uint8Array(0) : readLabels(join(dir, 'train-labels.u8'), manifest.train.rows),
    },
    test: {
      rows,
      features: readMatrix(join(dir, 'test-features.f32'), manifest.test.rows, manifest.columns),
      labels: task ? new Uint8Array(0) : readLabels(join(dir, 'test-labels.u8'), manifest.test.rows),
    },
    ...(task
      ? {
          task: {
            task,
            classes: manifest.classes ?? null,
            train: readFloat64(join(dir, 'train-labels.f64'), manifest.train.rows),
            test: readFloat64(join(dir, 'test-labels.f64'), manifest.test.rows),
          },
        }
      : {}),
  };
  expectLength(join(dir, 'test-rows.jsonl'), rows.length, manifest.test.rows, 'rows');
  return inputs;
}

// --- internal ---

function toLittleEndianFloat32(values: ArrayLike<number>): Uint8Array {
  const view = new DataView(new ArrayBuffer(values.length * 4));
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i], true);
  return new Uint8Array(view.buffer);
}

function toLittleEndianFloat64(values: ArrayLike<number>): Uint8Array {
  const view = new DataView(new ArrayBuffer(values.length * 8));
  for (let i = 0; i < values.length; i++) view.setFloat64(i * 8, values[i] ?? 0, true);
  return new Uint8Array(view.buffer);
}

/** A float64 little-endian labels file, checked against the row count the manifest gives. */
export function readFloat64(file: string, rows: number): Float64Array {
  const bytes = readFileSync(file);
  expectLength(file, bytes.length, rows * 8, 'bytes');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Float64Array.from({ length: rows }, (_, i) => view.getFloat64(i * 8, true));
}

function readMatrix(file: string, rows: number, columns: number): FeatureMatrix {
  const bytes = readFileSync(file);
  expectLength(file, bytes.length, rows * columns * 4, 'bytes');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const values = new Float32Array(rows * columns);
  for (let i = 0; i < values.length; i++) values[i] = view.getFloat32(i * 4, true);
  return { rows, columns, values };
}

function readLabels(file: string, rows: number): Uint8Array {
  const bytes = new Uint8Array(readFileSync(file));
  expectLength(file, bytes.length, rows, 'labels');
  return bytes;
}

function expectLength(file: string, actual: number, expected: number, what: string): void {
  if (actual !== expected) {
    throw new EvaluationError(
      'E_EVAL_INPUTS',
      `${file} holds ${actual} ${what}, the manifest says ${expected}; re-run \`modelship train\`.`,
      actual,
    );
  }
}
