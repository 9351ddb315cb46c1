// Test and benchmark fixtures: quick GBDT parameters, and a dataset (each task's generated one:
// writeTaskDataset, with id and ignored columns and missing values) split and run through the
// real feature transform.
import type { Task } from '@modelship/core';
import { loadSchema, withTargetColumn } from '@modelship/data-validation';
import { writeTaskDataset } from '@modelship/data-validation/testing';
import type { FeatureSpec } from '@modelship/features';
import type { SplitParams } from '@modelship/params';
import { fitFeatureSpec, transformRows } from '@modelship/features';
import { loadTaskDataset } from '../../data/load-task-dataset.js';
import { selectLabels, selectRows } from '../../data/select-rows.js';
import { splitForTask } from '../../steps/_task-training.js';
import type { TaskMatrices } from '../../train/testing/generate-task-matrices.js';
import type { LabelledMatrix, TargetValues } from '../../train/train-network.js';
import type { GbdtHead, GbdtParams } from '../gbdt-model.js';

/** Small, quick hyper-parameters (scikit-learn's defaults but fewer trees). */
export const GBDT_TEST_PARAMS: GbdtParams = {
  learningRate: 0.1,
  maxTrees: 60,
  earlyStoppingRounds: 0,
  maxDepth: 12,
  maxLeaves: 31,
  minRowsPerLeaf: 20,
  l2: 0,
  rowSubsample: 1,
  columnSubsample: 1,
  maxBins: 255,
  classWeight: 'none',
  seed: 7,
};

export interface TaskDatasetMatrices extends TaskMatrices<TargetValues> {
  head: GbdtHead;
  spec: FeatureSpec;
}

/** The task's generated dataset in `dir`, split as the pipeline splits it, transformed. */
export async function prepareTaskDatasetMatrices(
  dir: string,
  task: Task,
  rows: number,
): Promise<TaskDatasetMatrices> {
  const data = await writeTaskDataset(dir, task, { rows, seed: 5 });
  return prepareDatasetMatrices(data, task, {
    test: 0.2,
    validation: 0.2,
    seed: 3,
    stratify: true,
  });
}

/**
 * A CSV with its schema, read for its task, split as the pipeline splits it (`splitForTask`),
 * with the feature spec fitted on the training split and every split transformed.
 */
export async function prepareDatasetMatrices(
  data: { csvPath: string; schemaPath: string; target: string },
  task: Task,
  splitParams: SplitParams,
): Promise<TaskDatasetMatrices> {
  const schema = withTargetColumn(await loadSchema(data.schemaPath), data.target);
  const dataset = await loadTaskDataset(data.csvPath, schema, task);
  const split = splitForTask(dataset, splitParams);
  const spec = fitFeatureSpec(selectRows(dataset.rows, split.train), schema);
  const toMatrix = (indices: Uint32Array): LabelledMatrix<TargetValues> => {
    const matrix = transformRows(spec, selectRows(dataset.rows, indices));
    const labels = selectLabels(dataset.labels, indices);
    return { x: matrix.data, y: labels, rows: matrix.rows, width: matrix.width };
  };
  const head: GbdtHead =
    dataset.task === 'multiclass'
      ? { task: 'multiclass', classes: dataset.classes.length }
      : { task: dataset.task };
  return {
    head,
    spec,
    train: toMatrix(split.train),
    validation: toMatrix(split.validation),
    test: toMatrix(split.test),
  };
}

/** Sets every `every`-th value of a row-major matrix to NaN, in place (and returns it). */
export function withMissingValues<M extends { x: Float32Array }>(matrix: M, every: number): M {
  for (let i = 0; i < matrix.x.length; i += every) matrix.x[i] = Number.NaN;
  return matrix;
}
