import { describe, expect, it } from '@jest/globals';
import type { DatasetSchema } from '../schema/dataset-schema.js';
import { computePredictionReference } from './compute-prediction-reference.js';
import { computeReferenceStats } from './compute-reference-stats.js';

// The same values as a feature column of a dataset, for "same bins as the features".
function schemaWith(type: 'number' | 'categorical'): DatasetSchema {
  return {
    schemaVersion: 1,
    name: 'predictions',
    target: { column: 'y', kind: 'binary', positive: '1' },
    columns: [
      { name: 'prediction', type, role: 'feature' },
      { name: 'y', type: 'integer', role: 'target' },
    ],
  };
}

describe('computePredictionReference', () => {
  it('bins numeric predictions exactly as computeReferenceStats bins a numeric feature', async () => {
    const probabilities = Float32Array.from({ length: 400 }, (_, i) => ((i * 37) % 400) / 400);
    const reference = computePredictionReference(probabilities, { bins: 5 });
    const rows = Array.from(probabilities, (p) => ({ prediction: String(p), y: '0' }));
    const asFeature = await computeReferenceStats(rows, schemaWith('number'), { bins: 5 });
    expect(reference).toEqual(asFeature.features[0]);
    expect(reference).toMatchObject({ name: 'prediction', kind: 'numeric', count: 400, missing: 0 });
    if (reference.kind !== 'numeric') throw new Error('expected a numeric reference');
    expect(reference.edges).toHaveLength(4);
    expect(reference.proportions.reduce((sum, share) => sum + share, 0)).toBeCloseTo(1, 10);
  });

  it('keeps regression values in their own units and counts a non-finite value as missing', () => {
    const reference = computePredictionReference([120_000, 250_000, Number.NaN, 310_000]);
    expect(reference).toMatchObject({ kind: 'numeric', count: 3, missing: 1, min: 120_000, max: 310_000 });
  });

  it('gives predicted class texts their shares, as a categorical feature', async () => {
    const classes = [...Array<string>(6).fill('normal'), ...Array<string>(3).fill('low'), 'urgent'];
    const reference = computePredictionReference(classes);
    expect(reference).toEqual({
      name: 'prediction',
      kind: 'categorical',
      count: 10,
      missing: 0,
      categories: ['normal', 'low', 'urgent'],
      proportions: [0.6, 0.3, 0.1],
      other: 0,
    });
    const asFeature = await computeReferenceStats(classes.map((prediction) => ({ prediction, y: '0' })), schemaWith('categorical'));
    expect(reference).toEqual(asFeature.features[0]);
  });
});
