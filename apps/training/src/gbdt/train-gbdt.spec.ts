import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Task } from '@modelship/core';
import { computeRocAuc, createSeededRandom } from '@modelship/core';
import {
  computeStandardDeviation,
  generateMulticlassMatrices,
  generateRegressionMatrices,
} from '../train/testing/generate-task-matrices.js';
import type { LabelledMatrix, TargetValues } from '../train/train-network.js';
import { createGbdtLoss } from './gbdt-loss.js';
import type { GbdtHead, GbdtModel, GbdtParams } from './gbdt-model.js';
import { predictGbdt, predictGbdtScores } from './predict-gbdt.js';
import {
  GBDT_TEST_PARAMS,
  prepareTaskDatasetMatrices,
  withMissingValues,
} from './testing/gbdt-fixtures.js';
import { trainGbdt } from './train-gbdt.js';

const params = GBDT_TEST_PARAMS;

function binaryMatrices(seed = 3) {
  return generateMulticlassMatrices({ classes: 2, rows: 3_000, width: 6, seed });
}

function accuracy(model: GbdtModel, test: LabelledMatrix<TargetValues>): number {
  const predicted = predictGbdt(model, test.x, test.rows);
  const k = model.outputs;
  let right = 0;
  for (let i = 0; i < test.rows; i += 1) {
    let best = 0;
    for (let c = 1; c < k; c += 1) if (predicted[i * k + c]! > predicted[i * k + best]!) best = c;
    const label = k === 1 ? (predicted[i]! > 0.5 ? 1 : 0) : best;
    if (label === test.y[i]) right += 1;
  }
  return right / test.rows;
}

function majorityShare(y: ArrayLike<number>): number {
  const counts = new Map<number, number>();
  for (let i = 0; i < y.length; i += 1) counts.set(y[i]!, (counts.get(y[i]!) ?? 0) + 1);
  return Math.max(...counts.values()) / y.length;
}

function rmse(model: GbdtModel, test: LabelledMatrix<TargetValues>): number {
  const predicted = predictGbdt(model, test.x, test.rows);
  let sum = 0;
  for (let i = 0; i < test.rows; i += 1) sum += (predicted[i]! - test.y[i]!) ** 2;
  return Math.sqrt(sum / test.rows);
}

function splitFeatures(model: GbdtModel): Set<number> {
  const used = new Set<number>();
  for (const tree of model.trees) for (const f of tree.feature) if (f >= 0) used.add(f);
  return used;
}

describe('trainGbdt on generated matrices', () => {
  it('learns a binary target: ROC AUC far above chance and log loss below the base score', () => {
    const data = binaryMatrices();
    const model = trainGbdt(data.train, data.validation, { task: 'binary' }, params);
    const scores = predictGbdt(model, data.test.x, data.test.rows);
    expect(computeRocAuc(data.test.y, scores)).toBeGreaterThan(0.9);
    expect(model.history.at(-1)!.validationLoss).toBeLessThan(
      0.6 *
        createGbdtLoss({ task: 'binary' }).loss(
          new Float64Array(data.validation.rows).fill(model.baseScore[0]!),
          data.validation.y,
          new Float64Array(data.validation.rows).fill(1),
        ),
    );
    expect(model.trees).toHaveLength(params.maxTrees);
    expect(model.outputs).toBe(1);
  });

  it('learns a multiclass target with one tree per class per round, beating the majority class', () => {
    const data = generateMulticlassMatrices({ classes: 4, rows: 4_000, width: 5, seed: 5 });
    const head: GbdtHead = { task: 'multiclass', classes: 4 };
    const model = trainGbdt(data.train, data.validation, head, params);
    expect(model.trees).toHaveLength(4 * params.maxTrees);
    expect(model.trees.slice(0, 4).map((tree) => tree.target)).toEqual([0, 1, 2, 3]);
    const probabilities = predictGbdt(model, data.test.x, data.test.rows);
    for (let i = 0; i < data.test.rows; i += 1) {
      const sum = probabilities.subarray(i * 4, i * 4 + 4).reduce((a, b) => a + b, 0);
      expect(sum).toBeCloseTo(1, 5);
    }
    expect(accuracy(model, data.test)).toBeGreaterThan(majorityShare(data.test.y) + 0.3);
  });

  it('learns a regression target far from zero: RMSE well under the target spread', () => {
    const data = generateRegressionMatrices({
      rows: 4_000,
      width: 6,
      seed: 9,
      offset: 250_000,
      scale: 40_000,
    });
    const model = trainGbdt(data.train, data.validation, { task: 'regression' }, params);
    expect(model.baseScore[0]).toBeGreaterThan(200_000);
    expect(rmse(model, data.test)).toBeLessThan(0.4 * computeStandardDeviation(data.test.y));
  });

  it('routes each row by float32 thresholds exactly as the training bins did', () => {
    // Many distinct values per feature (quantile bins), so thresholds sit between close values.
    const data = generateRegressionMatrices({
      rows: 3_000,
      width: 4,
      seed: 2,
      offset: 0,
      scale: 1,
    });
    const model = trainGbdt(
      data.train,
      data.validation,
      { task: 'regression' },
      {
        ...params,
        maxBins: 64,
      },
    );
    const scores = predictGbdtScores(model, data.train.x, data.train.rows);
    const loss = createGbdtLoss({ task: 'regression' }).loss(
      scores,
      data.train.y,
      new Float64Array(data.train.rows).fill(1),
    );
    // The last train loss was computed from the bins; the trees' thresholds must agree to rounding.
    expect(loss).toBeCloseTo(model.history.at(-1)!.trainLoss, 10);
  });
});

describe('trainGbdt on each task through the feature transform', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gbdt-tasks-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each<Task>(['binary', 'multiclass', 'regression'])(
    'beats the trivial model on the %s dataset (id, ignored and missing columns)',
    async (task) => {
      const data = await prepareTaskDatasetMatrices(join(dir, task), task, 3_000);
      const model = trainGbdt(data.train, data.validation, data.head, {
        ...params,
        maxTrees: 100,
        earlyStoppingRounds: 10,
      });
      expect(model.width).toBe(data.spec.featureNames.length);
      if (task === 'binary') {
        const scores = predictGbdt(model, data.test.x, data.test.rows);
        expect(computeRocAuc(data.test.y, scores)).toBeGreaterThan(0.7);
      } else if (task === 'multiclass') {
        expect(accuracy(model, data.test)).toBeGreaterThan(majorityShare(data.test.y) + 0.05);
      } else {
        expect(rmse(model, data.test)).toBeLessThan(0.8 * computeStandardDeviation(data.test.y));
      }
    },
  );
});

describe('trainGbdt options', () => {
  const withSubsampling: GbdtParams = { ...params, rowSubsample: 0.7, columnSubsample: 0.6 };

  it('grows identical trees for a seed, with subsampling', () => {
    const data = binaryMatrices();
    const a = trainGbdt(data.train, data.validation, { task: 'binary' }, withSubsampling);
    const b = trainGbdt(data.train, data.validation, { task: 'binary' }, withSubsampling);
    expect(b.trees).toEqual(a.trees);
    expect(b.history).toEqual(a.history);
  });

  it('grows other trees for another seed when rows and columns are subsampled', () => {
    const data = binaryMatrices();
    const a = trainGbdt(data.train, data.validation, { task: 'binary' }, withSubsampling);
    const b = trainGbdt(
      data.train,
      data.validation,
      { task: 'binary' },
      {
        ...withSubsampling,
        seed: 8,
      },
    );
    expect(b.trees[0]).not.toEqual(a.trees[0]);
    expect(b.history.at(-1)!.trainLoss).not.toBe(a.history.at(-1)!.trainLoss);
  });

  it('stops early after the patience and keeps the best round', () => {
    // A noisy target overfits fast: the validation loss turns up within a few dozen rounds.
    const data = generateRegressionMatrices({
      rows: 1_500,
      width: 6,
      seed: 4,
      offset: 0,
      scale: 1,
    });
    const random = createSeededRandom(1);
    for (let i = 0; i < data.train.rows; i += 1) data.train.y[i] = data.train.y[i]! + 3 * random();
    const model = trainGbdt(
      data.train,
      data.validation,
      { task: 'regression' },
      {
        ...params,
        maxTrees: 1_000,
        earlyStoppingRounds: 15,
        learningRate: 0.3,
        minRowsPerLeaf: 2,
      },
    );
    expect(model.stoppedEarly).toBe(true);
    expect(model.rounds).toBe(model.bestRound + 15);
    expect(model.trees).toHaveLength(model.bestRound);
    const losses = model.history.map((log) => log.validationLoss);
    expect(Math.min(...losses)).toBe(losses[model.bestRound - 1]);
    // The kept trees answer the best round's validation loss, not the last round's.
    const scores = predictGbdtScores(model, data.validation.x, data.validation.rows);
    const loss = createGbdtLoss({ task: 'regression' }).loss(
      scores,
      data.validation.y,
      new Float64Array(data.validation.rows).fill(1),
    );
    expect(loss).toBeCloseTo(losses[model.bestRound - 1]!, 8);
  });

  it('sends missing values the way each split learned', () => {
    // y is 10 where x0 is missing, else x0 in [0, 1): missing rows must go where the high values go.
    const rows = 2_000;
    const random = createSeededRandom(2);
    const make = (n: number): LabelledMatrix<Float64Array> => {
      const x = new Float32Array(n * 2);
      const y = new Float64Array(n);
      for (let i = 0; i < n; i += 1) {
        const missing = i % 4 === 0;
        x[i * 2] = missing ? Number.NaN : random();
        x[i * 2 + 1] = random();
        y[i] = missing ? 10 : x[i * 2]!;
      }
      return { x, y, rows: n, width: 2 };
    };
    const train = make(rows);
    const model = trainGbdt(train, make(500), { task: 'regression' }, params);
    expect(model.trees[0]!.missingLeft[0]).toBe(0);
    const predicted = predictGbdt(model, Float32Array.of(Number.NaN, 0.5, 0.2, 0.5), 2);
    expect(predicted[0]).toBeGreaterThan(9);
    expect(predicted[1]).toBeLessThan(1);
  });

  it('routes a missing value never seen in training to the larger side, with a finite answer', () => {
    const data = binaryMatrices();
    const model = trainGbdt(data.train, data.validation, { task: 'binary' }, params);
    const test = withMissingValues({ x: data.test.x.slice() }, 3);
    const predicted = predictGbdt(model, test.x, data.test.rows);
    expect(predicted.every((p) => p > 0 && p < 1)).toBe(true);
  });

  it('weighs classes when class_weight is balanced', () => {
    // Overlapping classes, one positive in five: weights move the probabilities, not just the ranks.
    const random = createSeededRandom(4);
    const make = (n: number): LabelledMatrix<Uint8Array> => {
      const x = new Float32Array(n * 2);
      const y = new Uint8Array(n);
      for (let i = 0; i < n; i += 1) {
        x[i * 2] = random();
        x[i * 2 + 1] = random();
        y[i] = random() < 0.05 + 0.3 * x[i * 2]! ? 1 : 0;
      }
      return { x, y, rows: n, width: 2 };
    };
    const train = make(3_000);
    const validation = make(1_000);
    const plain = trainGbdt(train, validation, { task: 'binary' }, params);
    const balanced = trainGbdt(
      train,
      validation,
      { task: 'binary' },
      {
        ...params,
        classWeight: 'balanced',
      },
    );
    expect(balanced.trees[0]).not.toEqual(plain.trees[0]);
    // Balanced weights start from even odds and lean to the minority class.
    expect(plain.baseScore[0]).toBeLessThan(-1);
    expect(balanced.baseScore[0]).toBeCloseTo(0, 6);
    const mean = (p: Float32Array) => p.reduce((a, b) => a + b, 0) / p.length;
    const plainMean = mean(predictGbdt(plain, validation.x, validation.rows));
    expect(plainMean).toBeLessThan(0.3);
    expect(mean(predictGbdt(balanced, validation.x, validation.rows))).toBeGreaterThan(
      plainMean + 0.15,
    );
  });

  it('never splits on a constant feature', () => {
    const data = generateMulticlassMatrices({ classes: 3, rows: 2_000, width: 4, seed: 6 });
    for (const part of [data.train, data.validation]) {
      for (let i = 0; i < part.rows; i += 1) part.x[i * part.width + 2] = 7;
    }
    const model = trainGbdt(
      data.train,
      data.validation,
      { task: 'multiclass', classes: 3 },
      params,
    );
    expect(splitFeatures(model).has(2)).toBe(false);
    expect(model.importance.splits[2]).toBe(0);
    expect(model.importance.splits[0]).toBeGreaterThan(0);
  });

  it('trains a class that has a single training row', () => {
    const data = generateMulticlassMatrices({ classes: 3, rows: 1_500, width: 4, seed: 6 });
    // Relabel: class 2 keeps one training row only.
    let kept = false;
    for (let i = 0; i < data.train.rows; i += 1) {
      if (data.train.y[i] === 2) {
        if (kept) data.train.y[i] = 1;
        kept = true;
      }
    }
    const model = trainGbdt(
      data.train,
      data.validation,
      { task: 'multiclass', classes: 3 },
      params,
    );
    expect(model.baseScore[2]).toBeCloseTo(Math.log(1 / data.train.rows), 6);
    const probabilities = predictGbdt(model, data.test.x, data.test.rows);
    expect(probabilities.every(Number.isFinite)).toBe(true);
  });
});
