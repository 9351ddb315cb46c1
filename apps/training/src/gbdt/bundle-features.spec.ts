import { binMatrix, fitFeatureBins, MISSING_BIN } from './bin-features.js';
import { findFeatureBundles } from './bundle-features.js';
import { GBDT_TEST_PARAMS } from './testing/gbdt-fixtures.js';
import { predictGbdt } from './predict-gbdt.js';
import { trainGbdt } from './train-gbdt.js';

// Columns: a one-hot group of three (0-2), a 0/1 feature overlapping it (3), a 0/1 feature with
// a missing value (4), and a numeric feature (5).
function oneHotRows(rows: number): { x: Float32Array; y: Float64Array } {
  const width = 6;
  const x = new Float32Array(rows * width);
  const y = new Float64Array(rows);
  for (let i = 0; i < rows; i += 1) {
    const category = i % 3;
    x[i * width + category] = 1;
    x[i * width + 3] = i % 2;
    x[i * width + 4] = i === 5 ? Number.NaN : (i >> 1) % 2;
    x[i * width + 5] = (i * 7) % 11;
    y[i] = [10, -5, 3][category]! + x[i * width + 5]!;
  }
  return { x, y };
}

describe('findFeatureBundles', () => {
  it('bundles the exclusive two-bin features only, naming each one by its position', () => {
    const rows = 60;
    const { x } = oneHotRows(rows);
    const bins = fitFeatureBins(x, rows, 6, 255);
    const binned = binMatrix(bins, x, rows);
    expect(binned[4 * rows + 5]).toBe(MISSING_BIN);
    const bundles = findFeatureBundles(bins, binned, rows);
    expect(bundles.features.map((members) => Array.from(members))).toEqual([[0, 1, 2]]);
    expect(Array.from(bundles.bundleOf)).toEqual([0, 0, 0, -1, -1, -1]);
    expect(Array.from(bundles.columns.subarray(0, 6))).toEqual([1, 2, 3, 1, 2, 3]);
  });

  it('trains on bundled one-hot features as on separate ones: each category gets its own value', () => {
    const rows = 600;
    const { x, y } = oneHotRows(rows);
    const model = trainGbdt(
      { x, y, rows, width: 6 },
      { x, y, rows, width: 6 },
      { task: 'regression' },
      { ...GBDT_TEST_PARAMS, minRowsPerLeaf: 5, maxTrees: 200, learningRate: 0.3 },
    );
    const predicted = predictGbdt(model, x, rows);
    for (let i = 0; i < 30; i += 1) expect(predicted[i]).toBeCloseTo(y[i]!, 1);
  });
});
