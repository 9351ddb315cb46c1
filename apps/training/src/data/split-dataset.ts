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
 * is split on its own so all three keep the dataset's class shares. Given `classes` (the class
 * vocabulary, labels being indices into it), every class must reach all three splits: a class
 * too rare for the shares, or one training would never see, is an error naming the class.
 */
export function splitDataset(
  labels: ArrayLike<number>,
  params: SplitParams,
  file = 'params.yaml',
  classes?: readonly string[],
): DatasetSplit {
  checkShares(params, file);
  const random = createSeededRandom(params.seed);
  const groups = params.stratify ? groupByLabel(labels) : [Array.from({ length: labels.length }, (_, i) => i)];
  if (classes && params.stratify) checkClassSizes(groups, classes, params, file);
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
  if (classes) checkClassesSeen(labels, split, classes, file);
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

// Groups rows by label in ascending order; binary keeps [negatives, positives] as before.
function groupByLabel(labels: ArrayLike<number>): number[][] {
  const groups: number[][] = [[], []];
  for (let i = 0; i < labels.length; i += 1) {
    const label = labels[i] ?? 0;
    while (groups.length <= label) groups.push([]);
    groups[label]?.push(i);
  }
  return groups;
}

function checkClassSizes(groups: readonly number[][], classes: readonly string[], params: SplitParams, file: string): void {
  groups.forEach((group, label) => {
    if (group.length >= rowsNeeded(params)) return;
    throw new DatasetError({
      code: 'E_SPLIT_CLASS_TOO_SMALL',
      file,
      column: 'split',
      value: classes[label],
      problem: `class "${classes[label] ?? label}" has ${group.length} row${group.length === 1 ? '' : 's'}; with split.test ${params.test} and split.validation ${params.validation} it needs ${rowsNeeded(params)} to reach train, validation and test`,
      fix: `add rows of "${classes[label] ?? label}", merge it into a related class, or raise the split shares`,
    });
  });
}

// The fewest rows of one class that leave at least one row in each split after rounding.
function rowsNeeded({ test, validation }: SplitParams): number {
  for (let n = 3; ; n += 1) {
    const t = Math.round(n * test);
    const v = Math.round(n * validation);
    if (t >= 1 && v >= 1 && n - t - v >= 1) return n;
  }
}

function checkClassesSeen(labels: ArrayLike<number>, split: DatasetSplit, classes: readonly string[], file: string): void {
  const seen = new Set(Array.from(split.train, (i) => labels[i]));
  for (const name of ['validation', 'test'] as const) {
    const unseen = Array.from(split[name], (i) => labels[i] ?? 0).find((label) => !seen.has(label));
    if (unseen === undefined) continue;
    throw new DatasetError({
      code: 'E_SPLIT_CLASS_UNSEEN',
      file,
      column: 'split',
      value: classes[unseen],
      problem: `class "${classes[unseen] ?? unseen}" is in the ${name} split but not in train, so the model could never predict it`,
      fix: 'set `split.stratify: true` in params.yaml, or add rows of that class',
    });
  }
}

function sorted(indices: number[]): Uint32Array {
  return Uint32Array.from(indices).sort();
}
