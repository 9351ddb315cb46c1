import { computeClassMetrics } from './compute-class-metrics.js';

describe('computeClassMetrics', () => {
  it('gives accuracy, per-class F1 and their macro and weighted averages (scikit-learn figures)', () => {
    // y_true [0,0,0,1,1,2], y_pred [0,0,1,1,2,2]: sklearn f1_score macro 0.6555..., weighted 0.6777...
    const metrics = computeClassMetrics([
      [2, 1, 0],
      [0, 1, 1],
      [0, 0, 1],
    ]);
    expect(metrics.accuracy).toBeCloseTo(4 / 6, 12);
    expect(metrics.perClass.map((c) => c.f1)).toEqual([
      expect.closeTo(0.8, 12),
      expect.closeTo(0.5, 12),
      expect.closeTo(2 / 3, 12),
    ]);
    expect(metrics.macroF1).toBeCloseTo((0.8 + 0.5 + 2 / 3) / 3, 12);
    expect(metrics.weightedF1).toBeCloseTo((0.8 * 3 + 0.5 * 2 + 2 / 3) / 6, 12);
  });

  it('leaves out of the macro average a class neither labelled nor predicted', () => {
    const metrics = computeClassMetrics([
      [3, 0, 0],
      [1, 2, 0],
      [0, 0, 0],
    ]);
    expect(metrics.macroF1).toBeCloseTo((metrics.perClass[0].f1 + metrics.perClass[1].f1) / 2, 12);
  });
});
