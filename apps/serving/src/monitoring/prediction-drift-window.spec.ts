import type { DatasetSchema, ReferenceStats } from '@modelship/data-validation';
import { computeReferenceStats, getDriftThresholds } from '@modelship/data-validation';
import { createSeededRandom } from '@modelship/core';
import type { Scores } from '../models/predict-matrix.js';
import { hasPredictionReference, PredictionDriftWindow } from './prediction-drift-window.js';

const PRIORITIES = ['low', 'normal', 'urgent'];
const THRESHOLDS = getDriftThresholds({});
const EMPTY = new Float32Array(0);

// A bundle's reference statistics whose `prediction` entry summarises `values` the way the
// features are summarised (the same function and bins).
async function referenceOf(values: (number | string)[], type: 'number' | 'string') {
  const schema = {
    columns: [
      { name: 'prediction', type: type === 'number' ? 'number' : 'categorical', role: 'feature' },
    ],
  } as unknown as DatasetSchema;
  const stats = await computeReferenceStats(
    values.map((prediction) => ({ prediction })),
    schema,
  );
  const reference: ReferenceStats = { ...stats, features: [], prediction: stats.features[0] };
  if (!hasPredictionReference(reference)) throw new Error('no prediction reference');
  return reference;
}

function regressionScores(values: number[]): Scores {
  const array = Float32Array.from(values);
  return {
    task: 'regression',
    labels: new Uint16Array(0),
    probabilities: EMPTY,
    classProbabilities: EMPTY,
    values: array,
  };
}

function multiclassScores(classes: number[]): Scores {
  return {
    task: 'multiclass',
    labels: Uint16Array.from(classes),
    probabilities: new Float32Array(classes.length).fill(0.7),
    classProbabilities: new Float32Array(classes.length * 3),
    values: EMPTY,
  };
}

function binaryScores(probabilities: number[]): Scores {
  const array = Float32Array.from(probabilities);
  return {
    task: 'binary',
    labels: Uint16Array.from(probabilities, (p) => (p >= 0.5 ? 1 : 0)),
    probabilities: array,
    classProbabilities: EMPTY,
    values: EMPTY,
  };
}

describe('PredictionDriftWindow', () => {
  const random = createSeededRandom(7);
  const prices = Array.from({ length: 2000 }, () => 80 + 400 * random());

  it('regression: no drift for values like the training predictions, an alert for shifted ones', async () => {
    const window = new PredictionDriftWindow(await referenceOf(prices, 'number'), 1000);
    window.addScores(regressionScores(prices.slice(0, 1000)), []);
    const same = window.report(THRESHOLDS);
    expect(same.windowRows).toBe(1000);
    expect(same.drift).toMatchObject({ name: 'prediction', kind: 'numeric', count: 1000 });
    expect(same.drift.psi).toBeLessThan(0.1);
    // Prices 50% up: the model now predicts a market the training split never had.
    window.addScores(regressionScores(prices.slice(0, 1000).map((p) => p * 1.5)), []);
    const shifted = window.report(THRESHOLDS);
    expect(shifted.drift.psi).toBeGreaterThan(0.25);
    expect(shifted.drift.status).toBe('alert');
  });

  it('multiclass: counts class texts; a class mix turned around drifts', async () => {
    const mix = Array.from({ length: 1000 }, (_, i) => (i % 10 < 6 ? 0 : i % 10 < 9 ? 1 : 2));
    const reference = await referenceOf(
      mix.map((c) => PRIORITIES[c]),
      'string',
    );
    expect(reference.prediction).toMatchObject({ kind: 'categorical' });
    const window = new PredictionDriftWindow(reference, 500);
    window.addScores(multiclassScores(mix.slice(0, 500)), PRIORITIES);
    expect(window.report(THRESHOLDS).drift.psi).toBeLessThan(0.05);
    // Now mostly urgent: 10% low, 30% normal, 60% urgent.
    const turned = mix.slice(0, 500).map((c) => 2 - c);
    window.addScores(multiclassScores(turned), PRIORITIES);
    const report = window.report(THRESHOLDS);
    expect(report.drift).toMatchObject({ kind: 'categorical', count: 500, status: 'alert' });
    expect(report.drift.psi).toBeGreaterThan(0.5);
  });

  it('binary: counts the positive-class probability', async () => {
    const probabilities = Array.from({ length: 1000 }, () => random() * 0.6);
    const window = new PredictionDriftWindow(await referenceOf(probabilities, 'number'), 400);
    window.addScores(binaryScores(probabilities.slice(0, 400)), ['no', 'yes']);
    expect(window.report(THRESHOLDS).drift.psi).toBeLessThan(0.1);
    window.addScores(binaryScores(probabilities.slice(0, 400).map((p) => p + 0.4)), ['no', 'yes']);
    expect(window.report(THRESHOLDS).drift.psi).toBeGreaterThan(0.25);
  });
});
