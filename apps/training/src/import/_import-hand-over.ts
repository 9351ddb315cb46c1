import type { Task } from '@modelship/core';
import type { DatasetSchema } from '@modelship/data-validation';
import { fitFeatureSpec, transformRows } from '@modelship/features';
import type { TaskDataset } from '../data/load-task-dataset.js';
import { selectLabels, selectRows } from '../data/select-rows.js';
import type { EvaluationInputs } from '../evaluate/evaluation-inputs.js';
import { binaryLabels, describeTaskLabels, splitForTask } from '../steps/_task-training.js';
import type { StepContext } from '../steps/step-context.js';
import { readModelParams } from '../train/model-params.js';

// What import hands the evaluate, gate and register steps that follow it.

// The baselines learn from the kit's own transform of the same rows, so the card compares the
// imported model with them as it would a trained one.
export function buildEvaluationInputs(
  ctx: StepContext,
  schema: DatasetSchema,
  dataset: TaskDataset,
  split: ReturnType<typeof splitForTask>,
): EvaluationInputs {
  const modelParams = readModelParams(ctx.params.model);
  const trainRows = selectRows(dataset.rows, split.train);
  const testRows = selectRows(dataset.rows, split.test);
  const kitSpec = fitFeatureSpec(trainRows, schema, {
    minCategoryCount: modelParams.minCategoryCount,
    maxCategories: modelParams.maxCategories,
  });
  const train = transformRows(kitSpec, trainRows);
  const test = transformRows(kitSpec, testRows);
  const trainLabels = selectLabels(dataset.labels, split.train);
  const testLabels = selectLabels(dataset.labels, split.test);
  return {
    featureNames: kitSpec.featureNames,
    train: {
      features: { rows: train.rows, columns: train.width, values: train.data },
      labels: binaryLabels(trainLabels),
    },
    test: {
      rows: testRows,
      features: { rows: test.rows, columns: test.width, values: test.data },
      labels: binaryLabels(testLabels),
    },
    ...describeTaskLabels(dataset, trainLabels, testLabels),
  };
}

// Evaluation and the card read the data, schema and task from params: the sample's here.
export function withImportedData(
  ctx: StepContext,
  options: { dataPath: string; target: string },
  schemaFile: string,
  task: Task,
): StepContext {
  const { params } = ctx;
  // The sample has no DVC pointer: its md5 is recorded in train-result.json and metadata.json.
  const data = {
    ...params.data,
    path: options.dataPath,
    dvc: '',
    schema: schemaFile,
    target: options.target,
  };
  return { ...ctx, params: { ...params, task, data } };
}
