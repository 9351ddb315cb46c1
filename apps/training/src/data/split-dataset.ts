import { DatasetError } from './dataset-error.js';
import { createSeededRandom, shuffleInPlace } from '@modelship/core';

/** params.yaml `split`: shares of rows held out, and the seed. */
export interface SplitParams {
  test: number;
  validation: number;
  seed: number;
  stratify: boolean;
}

/** Row indices of each split, ascending. */
export interface DatasetSplit {
  train: Uint32Array;
  validation: Uint32Array;
  test: Uint32Array;
}

/**
 * Splits rows into train, validation and test by seeded shuffling; with `stratify`, each class
 * is split on its own so all three keep the dataset's positive rate.
 */
export function splitDataset(labels: ArrayLike<number>, params: SplitParams, file = 'params.yaml'): DatasetSplit {
  checkShares(params, file);
  const random = createSeededRandom(params.seed);
  const groups = params.stratify ? groupByLabel(labels) : [Array.from({ length: labels.length }, (_, i) => i)];
  const train: number[] = [];
  const validation: number[] = [];
  const test: number[] = [];
  for (const group of groups) {
    shuffleInPlace(group, random);
    const testCount = Math.round(group.length * params.test);
    const validationCount = Math.round(group.length * params.validation);
    group.forEach((index, position) => {
      if (position < testCount) test.push(index);
      else if (position < testCount + validationCount) validation.push(index);
      else train.push(index);
    });
  }
  const split = { train: sorted(train), validation: sorted(validation), test: sorted(test) };
  for (const [name, indices] of Object.entries(split)) {
    if (indices.length === 0) {
      throw new DatasetError({
        code: 'E_SPLIT_EMPTY',
        file,
        column: `split.${name}`,
        value: labels.length,
        problem: `the ${name} split of ${labels.length} rows is empty`,
        fix: 'use more rows, or change the shares in params.yaml `split`',
      });
    }
  }
  return split;
}

// --- internal ---

function checkShares({ test, validation }: SplitParams, file: string): void {
  const valid = (share: number): boolean => Number.isFinite(share) && share > 0 && share < 1;
  if (!valid(test) || !valid(validation) || test + validation >= 1) {
    throw new DatasetError({
      code: 'E_SPLIT_PARAMS',
      file,
      value: { test, validation },
      problem: `split.test (${test}) and split.validation (${validation}) must each be between 0 and 1 and leave rows to train on`,
      fix: 'use shares like test: 0.2, validation: 0.1',
    });
  }
}

function groupByLabel(labels: ArrayLike<number>): number[][] {
  const negatives: number[] = [];
  const positives: number[] = [];
  for (let i = 0; i < labels.length; i += 1) (labels[i] === 1 ? positives : negatives).push(i);
  return [negatives, positives];
}

function sorted(indices: number[]): Uint32Array {
  return Uint32Array.from(indices).sort();
}
