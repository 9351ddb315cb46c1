import {
  fitMultinomialLogisticRegression,
  predictMultinomialLogisticRegression,
} from './multinomial-logistic-regression.js';

// Three classes on a line: x < -1, -1..1, x > 1; a second, useless column.
const xs = Array.from({ length: 90 }, (_, i) => -3 + (i * 6) / 89);
const features = { rows: 90, columns: 2, values: xs.flatMap((x, i) => [x, i % 2]) };
const labels = xs.map((x) => (x < -1 ? 0 : x <= 1 ? 1 : 2));

describe('fitMultinomialLogisticRegression', () => {
  it('separates classes ordered along a feature, with probabilities that sum to 1', () => {
    const model = fitMultinomialLogisticRegression(features, labels, 3);
    const probabilities = predictMultinomialLogisticRegression(model, features);
    let correct = 0;
    for (let r = 0; r < 90; r += 1) {
      const row = Array.from(probabilities.subarray(r * 3, r * 3 + 3));
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      if (row.indexOf(Math.max(...row)) === labels[r]) correct += 1;
    }
    expect(correct / 90).toBeGreaterThan(0.85);
    expect(model.weights[0]).toBeLessThan(0);
    expect(model.weights[4]).toBeGreaterThan(0);
  });

  it('stops once no coefficient moves more than the tolerance, and says so', () => {
    const fitted = fitMultinomialLogisticRegression(features, labels, 3);
    expect(fitted.converged).toBe(true);
    expect(fitted.iterations).toBeLessThan(200);
    const capped = fitMultinomialLogisticRegression(features, labels, 3, { iterations: 3 });
    expect(capped).toMatchObject({ iterations: 3, converged: false });
  });

  it('gives the same model on every run', () => {
    expect(fitMultinomialLogisticRegression(features, labels, 3)).toEqual(fitMultinomialLogisticRegression(features, labels, 3));
  });

  it('refuses a label outside the classes, naming the row', () => {
    expect(() => fitMultinomialLogisticRegression({ rows: 2, columns: 1, values: [0, 1] }, [0, 3], 3)).toThrow(
      'Baseline: label 3 of row 1 is not a class index below 3.',
    );
  });
});
