import type { TaskDataset } from '../data/load-task-dataset.js';
import type { LabelArray } from '../data/select-rows.js';
import type { DatasetSplit, SplitParams } from '../data/split-dataset.js';
import { splitDataset } from '../data/split-dataset.js';
import type { EvaluationInputs } from '../evaluate/evaluation-inputs.js';
import type { ModelHead } from '../train/model-family.js';
import type { TrainResult } from './train-result.js';

// What `trainModel` does differently per task, kept out of its main flow.

/**
 * A regression target has no classes to stratify by; a classifier's classes must each reach every
 * split (by size when stratified, else by checking that training saw every class it is tested on).
 */
export function splitForTask(dataset: TaskDataset, params: SplitParams): DatasetSplit {
  if (dataset.task === 'regression') return splitDataset(dataset.labels, { ...params, stratify: false });
  return splitDataset(dataset.labels, params, 'params.yaml', dataset.classes);
}

/** The task as every model family sees it: binary, multiclass with its class count, regression. */
export function readModelHead(dataset: TaskDataset): ModelHead {
  if (dataset.task === 'multiclass') return { task: 'multiclass', classes: dataset.classes.length };
  return { task: dataset.task };
}

/** Binary train-result.json stays as it was; the other tasks record their task and classes. */
export function describeTarget(dataset: TaskDataset): Pick<TrainResult, 'target' | 'task'> {
  if (dataset.task === 'binary') return { target: dataset.target };
  const classes = dataset.classes === null ? {} : { classes: dataset.classes };
  return { task: dataset.task, target: { column: dataset.target.column, ...classes } };
}

/** 0/1 labels stay where binary evaluation reads them; other tasks carry theirs in `task`. */
export function binaryLabels(labels: LabelArray): Uint8Array {
  return labels instanceof Uint8Array ? labels : new Uint8Array(0);
}

export function describeTaskLabels(
  dataset: TaskDataset,
  train: LabelArray,
  test: LabelArray,
): Pick<EvaluationInputs, 'task'> {
  if (dataset.task === 'binary') return {};
  return {
    task: {
      task: dataset.task,
      classes: dataset.classes,
      train: Float64Array.from(train),
      test: Float64Array.from(test),
    },
  };
}

/** train-result.json's `split`: the rows of each part. */
export function countSplit(split: DatasetSplit): TrainResult['split'] {
  return { train: split.train.length, validation: split.validation.length, test: split.test.length };
}
