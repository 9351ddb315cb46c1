import { createSeededRandom } from '@modelship/core';
import { EvaluationError } from './evaluation-error.js';
import { computeRegressionMetrics } from './regression-metrics.js';

describe('computeRegressionMetrics', () => {
  it("matches scikit-learn's examples: RMSE sqrt(0.375), MAE 0.5, R² 0.9486, MAPE 0.3274", () => {
    // y_true = [3, -0.5, 2, 7], y_pred = [2.5, 0.0, 2, 8] (sklearn.metrics r2_score, mean_* docs)
    const metrics = computeRegressionMetrics([3, -0.5, 2, 7], [2.5, 0, 2, 8]);
    expect(metrics.rmse).toBeCloseTo(Math.sqrt(0.375), 12);
    expect(metrics.mae).toBeCloseTo(0.5, 12);
    expect(metrics.r2).toBeCloseTo(1 - 1.5 / 29.1875, 12);
    expect(metrics.r2).toBeCloseTo(0.948608137, 8);
    expect(metrics.mape).toBeCloseTo((0.5 / 3 + 0.5 / 0.5 + 0 + 1 / 7) / 4, 12);
  });

  it('leaves MAPE out when an actual value is 0, and still scores the rest', () => {
    const metrics = computeRegressionMetrics([0, 1, 2], [0, 1, 3]);
    expect(metrics).toEqual({
      rmse: expect.closeTo(Math.sqrt(1 / 3), 12),
      mae: expect.closeTo(1 / 3, 12),
      r2: expect.closeTo(0.5, 12),
    });
    expect('mape' in metrics).toBe(false);
  });

  it.each([
    ['exact predictions', [2, 2, 2], 1],
    ['any error', [2, 2, 3.5], 0],
  ])('gives a constant target R² as scikit-learn does: %s give %i', (_name, predicted, r2) => {
    expect(computeRegressionMetrics([2, 2, 2], predicted).r2).toBe(r2);
  });

  it('scores predicting the mean R² 0 and negative when worse', () => {
    expect(computeRegressionMetrics([1, 2, 3, 4], [2.5, 2.5, 2.5, 2.5]).r2).toBeCloseTo(0, 12);
    expect(computeRegressionMetrics([1, 2, 3, 4], [4, 3, 2, 1]).r2).toBeCloseTo(-3, 12);
  });

  it.each([
    [1, 10],
    [1000, 3000],
  ])(
    'keeps the target units on generated data: scaling y by %i scales RMSE and MAE, not R² or MAPE',
    (scale, rows) => {
      const random = createSeededRandom(rows);
      const actual = Array.from({ length: rows }, () => 5 + random() * 20);
      const predicted = actual.map((y) => y + (random() - 0.5) * 4);
      const base = computeRegressionMetrics(actual, predicted);
      const scaled = computeRegressionMetrics(
        actual.map((y) => y * scale),
        predicted.map((y) => y * scale),
      );
      expect(scaled.rmse).toBeCloseTo(base.rmse * scale, 6);
      expect(scaled.mae).toBeCloseTo(base.mae * scale, 6);
      expect(scaled.r2).toBeCloseTo(base.r2, 12);
      expect(scaled.mape).toBeCloseTo(base.mape!, 12);
      expect(base.rmse).toBeGreaterThanOrEqual(base.mae);
      expect(base.r2).toBeGreaterThan(0.8);
    },
  );

  it.each([
    ['lengths that differ', [1, 2], [1], 'E_EVAL_LENGTH'],
    ['no rows', [], [], 'E_EVAL_EMPTY'],
    ['a NaN prediction', [1, 2], [1, Number.NaN], 'E_EVAL_VALUE'],
    ['an infinite actual value', [Infinity], [1], 'E_EVAL_VALUE'],
  ])('refuses %s', (_name, actual, predicted, code) => {
    expect(() => computeRegressionMetrics(actual, predicted)).toThrow(
      expect.objectContaining({ code, constructor: EvaluationError }),
    );
  });
});
