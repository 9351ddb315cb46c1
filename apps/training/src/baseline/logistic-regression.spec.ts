import { computeRocAuc } from '@modelship/core';
import { toFeatureMatrix } from './feature-matrix.js';
import { fitLogisticRegression, predictLogisticRegression } from './logistic-regression.js';
import { fitMajorityClass, predictMajorityClass } from './majority-class.js';

// Two features; the class is 1 exactly when x0 + x1 > 0, with a margin, so the data are separable.
function makeSeparableProblem(n: number) {
  const rows: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const x0 = Math.sin(i * 12.9898) * 2;
    const x1 = Math.cos(i * 78.233) * 2;
    const sum = x0 + x1;
    if (Math.abs(sum) < 0.2) continue;
    rows.push([x0, x1]);
    labels.push(sum > 0 ? 1 : 0);
  }
  return { features: toFeatureMatrix(rows), labels };
}

describe('fitLogisticRegression', () => {
  const train = makeSeparableProblem(400);
  const test = makeSeparableProblem(200);

  it('learns a separable problem: positive, nearly equal weights and a perfect ranking', () => {
    const model = fitLogisticRegression(train.features, train.labels, { l2: 0.1 });
    expect(model.converged).toBe(true);
    expect(model.weights[0]).toBeGreaterThan(1);
    expect(model.weights[1] / model.weights[0]).toBeCloseTo(1, 0);
    const probabilities = predictLogisticRegression(model, test.features);
    expect(computeRocAuc(test.labels, probabilities)).toBe(1);
  });

  it('gives the same coefficients on every run', () => {
    const first = fitLogisticRegression(train.features, train.labels);
    const second = fitLogisticRegression(train.features, train.labels);
    expect(Array.from(second.weights)).toEqual(Array.from(first.weights));
    expect(second.intercept).toBe(first.intercept);
  });

  it('shrinks weights as the L2 penalty grows', () => {
    const weak = fitLogisticRegression(train.features, train.labels, { l2: 0.1 });
    const strong = fitLogisticRegression(train.features, train.labels, { l2: 100 });
    expect(strong.weights[0]).toBeLessThan(weak.weights[0]);
  });

  it('recovers the log-odds of a constant problem in its intercept', () => {
    const features = toFeatureMatrix([[0], [0], [0], [0]]);
    const model = fitLogisticRegression(features, [1, 0, 0, 0]);
    expect(model.intercept).toBeCloseTo(Math.log(1 / 3), 6);
  });

  it('refuses test rows with another number of features', () => {
    const model = fitLogisticRegression(train.features, train.labels);
    expect(() => predictLogisticRegression(model, toFeatureMatrix([[1, 2, 3]]))).toThrow(
      /2 weights but the rows have 3/,
    );
  });
});

describe('majority class baseline', () => {
  it('predicts the training positive rate for every row', () => {
    const model = fitMajorityClass([1, 0, 0, 0]);
    expect(Array.from(predictMajorityClass(model, 3))).toEqual([0.25, 0.25, 0.25]);
  });
});
