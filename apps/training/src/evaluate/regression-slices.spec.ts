import { computeRegressionSliceMetrics } from './regression-slices.js';
import { MISSING_SLICE_VALUE } from './slices.js';

describe('computeRegressionSliceMetrics', () => {
  it('gives MAE and RMSE per value, largest slice first, missing cells as their own slice', () => {
    const rows = [{ d: 'north' }, { d: 'north' }, { d: 'hills' }, { d: 'north' }, { d: 'NA' }];
    const actual = [100, 200, 300, 400, 500];
    const predicted = [110, 170, 300, 400, 460];
    expect(computeRegressionSliceMetrics(rows, actual, predicted, ['d'])).toEqual({
      d: [
        // errors -10, 30, 0: MAE 40 / 3, RMSE sqrt(1000 / 3)
        { value: 'north', count: 3, mae: 40 / 3, rmse: Math.sqrt(1000 / 3) },
        { value: MISSING_SLICE_VALUE, count: 1, mae: 40, rmse: 40 },
        { value: 'hills', count: 1, mae: 0, rmse: 0 },
      ],
    });
  });
});
