import { computePrCurve, computeRocCurve, thinCurve } from './curves.js';

const labels = [0, 0, 1, 1];
const scores = [0.1, 0.4, 0.35, 0.8];

describe('computeRocCurve', () => {
  it('matches scikit-learn roc_curve on its documented example', () => {
    expect(computeRocCurve(labels, scores)).toEqual([
      { fpr: 0, tpr: 0, threshold: Number.POSITIVE_INFINITY },
      { fpr: 0, tpr: 0.5, threshold: 0.8 },
      { fpr: 0.5, tpr: 0.5, threshold: 0.4 },
      { fpr: 0.5, tpr: 1, threshold: 0.35 },
      { fpr: 1, tpr: 1, threshold: 0.1 },
    ]);
  });

  it('puts tied scores in one point', () => {
    expect(computeRocCurve([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5])).toEqual([
      { fpr: 0, tpr: 0, threshold: Number.POSITIVE_INFINITY },
      { fpr: 1, tpr: 1, threshold: 0.5 },
    ]);
  });

  it('is empty for a single class', () => {
    expect(computeRocCurve([0, 0], [0.2, 0.4])).toEqual([]);
  });
});

describe('computePrCurve', () => {
  it('matches scikit-learn precision_recall_curve, in order of rising recall', () => {
    expect(computePrCurve(labels, scores)).toEqual([
      { recall: 0.5, precision: 1, threshold: 0.8 },
      { recall: 0.5, precision: 0.5, threshold: 0.4 },
      { recall: 1, precision: 2 / 3, threshold: 0.35 },
      { recall: 1, precision: 0.5, threshold: 0.1 },
    ]);
  });
});

describe('thinCurve', () => {
  const toXY = (p: { x: number; y: number }): [number, number] => [p.x, p.y];

  it('drops points closer than the distance and keeps both ends', () => {
    const points = [0, 0.001, 0.002, 0.5, 0.501, 1].map((x) => ({ x, y: x }));
    expect(thinCurve(points, toXY, 0.01).map((p) => p.x)).toEqual([0, 0.5, 1]);
  });

  it('keeps short curves whole', () => {
    expect(thinCurve([{ x: 0, y: 0 }], toXY)).toEqual([{ x: 0, y: 0 }]);
  });
});
