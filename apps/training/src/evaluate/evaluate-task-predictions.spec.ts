import { buildTaskMetricsJson, evaluateTaskPredictions } from './evaluate-task-predictions.js';

describe('evaluateTaskPredictions', () => {
  it('scores multiclass beside a majority class that answers the training shares', () => {
    const evaluation = evaluateTaskPredictions(
      'multiclass',
      {
        labels: [0, 1, 2, 2],
        outputs: [0.8, 0.1, 0.1, 0.1, 0.7, 0.2, 0.1, 0.2, 0.7, 0.3, 0.3, 0.4],
        trainLabels: [2, 2, 2, 0],
      },
      ['a', 'b', 'c'],
    );
    expect(evaluation.task === 'multiclass' && evaluation.network.metrics.accuracy).toBe(1);
    const metrics = buildTaskMetricsJson(evaluation);
    expect(metrics['baseline_majority_class_accuracy']).toBe(0.5);
    expect(metrics['baseline_majority_class_log_loss']).toBeCloseTo(-(Math.log(0.25) + Math.log(1e-15) + 2 * Math.log(0.75)) / 4, 6);
    expect(metrics['test_rows']).toBe(4);
    expect(evaluation.baselines[0]?.detail).toContain('always "c"');
  });

  it('scores regression beside the training mean, leaving MAPE out when an actual is 0', () => {
    const evaluation = evaluateTaskPredictions('regression', { labels: [0, 2, 4], outputs: [0, 2, 5], trainLabels: [1, 3] }, null);
    const metrics = buildTaskMetricsJson(evaluation);
    expect(metrics['rmse']).toBeCloseTo(Math.sqrt(1 / 3), 12);
    expect(metrics['mae']).toBeCloseTo(1 / 3, 12);
    expect(metrics).not.toHaveProperty('mape');
    expect(metrics['baseline_mean_mae']).toBeCloseTo((2 + 0 + 2) / 3, 12);
    expect(Object.values(metrics).every(Number.isFinite)).toBe(true);
    expect(metrics).not.toHaveProperty('baseline_ridge_rmse');
  });

  it('adds ridge regression on the features when given them', () => {
    const train = { rows: 3, columns: 1, values: [0, 1, 2] };
    const test = { rows: 2, columns: 1, values: [3, 4] };
    const evaluation = evaluateTaskPredictions(
      'regression',
      { labels: [7, 9], outputs: [7, 9], trainLabels: [1, 3, 5], features: { train, test } },
      null,
    );
    const metrics = buildTaskMetricsJson(evaluation);
    // Ridge(alpha=1) on x = 0, 1, 2 -> y = 1, 3, 5: slope 4/3, so it under-shoots 7 and 9.
    expect(metrics['baseline_ridge_mae']).toBeCloseTo(((7 - (3 + (4 / 3) * 2)) + (9 - (3 + (4 / 3) * 3))) / 2, 10);
    expect(metrics['rmse']).toBe(0);
  });
});
