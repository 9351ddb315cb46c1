// Test fixture: the loan dataset, split and transformed, ready to train on.
import type { FeatureSpec } from '@modelship/features';
import { fitFeatureSpec, transformRows } from '@modelship/features';
import { loadDataset } from '../../data/load-dataset.js';
import { selectLabels, selectRows } from '../../data/select-rows.js';
import { splitDataset } from '../../data/split-dataset.js';
import { writeTaskDataset } from '@modelship/data-validation/testing';
import type { LabelledMatrix } from '../train-network.js';
import type { ModelParams } from '../model-params.js';

export interface LoanMatrices {
  spec: FeatureSpec;
  train: LabelledMatrix;
  validation: LabelledMatrix;
  test: LabelledMatrix;
}

export async function prepareLoanMatrices(dir: string, rows: number): Promise<LoanMatrices> {
  const { csvPath, schema } = await writeTaskDataset(dir, 'binary', { rows, seed: 11 });
  const dataset = await loadDataset(csvPath, schema);
  const split = splitDataset(dataset.labels, {
    test: 0.25,
    validation: 0.15,
    seed: 3,
    stratify: true,
  });
  const spec = fitFeatureSpec(selectRows(dataset.rows, split.train), schema);
  const toMatrix = (indices: Uint32Array): LabelledMatrix => {
    const matrix = transformRows(spec, selectRows(dataset.rows, indices));
    return {
      x: matrix.data,
      y: selectLabels(dataset.labels, indices),
      rows: matrix.rows,
      width: matrix.width,
    };
  };
  return {
    spec,
    train: toMatrix(split.train),
    validation: toMatrix(split.validation),
    test: toMatrix(split.test),
  };
}

/** Small, quick hyper-parameters for tests. */
export const TEST_MODEL_PARAMS: ModelParams = {
  name: 'loans',
  hiddenUnits: [16, 8],
  activation: 'relu',
  dropout: 0.1,
  l2: 0.0001,
  learningRate: 0.01,
  epochs: 4,
  batchSize: 128,
  earlyStoppingPatience: 2,
  classWeight: 'balanced',
  seed: 7,
  minCategoryCount: 5,
  maxCategories: 50,
};
