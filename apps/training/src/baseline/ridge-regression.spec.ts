import { fitRidgeRegression, predictRidgeRegression } from './ridge-regression.js';

describe('fitRidgeRegression', () => {
  const features = { rows: 4, columns: 2, values: [0, 1, 1, 0, 2, 1, 3, 3] };
  const target = [1, 3, 6, 10];

  it('recovers an exact linear relation as alpha goes to 0, with an unpenalised intercept', () => {
    const exact = [0 * 2 + 1 * 3 + 5, 1 * 2 + 0 * 3 + 5, 2 * 2 + 1 * 3 + 5, 3 * 2 + 3 * 3 + 5];
    const model = fitRidgeRegression(features, exact, 1e-9);
    expect(Array.from(model.weights).map((w) => Number(w.toFixed(6)))).toEqual([2, 3]);
    expect(model.intercept).toBeCloseTo(5, 6);
    expect(Array.from(predictRidgeRegression(model, features))).toEqual(exact.map((v) => expect.closeTo(v, 6)));
  });

  it('solves the centred normal equations with alpha on the diagonal (Ridge(alpha=1))', () => {
    // numpy: solve(Xc'Xc + I, Xc'yc) with Xc'Xc = [[5, 3.5], [3.5, 4.75]], Xc'yc = [15, 12].
    const model = fitRidgeRegression(features, target, 1);
    expect(model.weights[0]).toBeCloseTo(1.98876404, 7);
    expect(model.weights[1]).toBeCloseTo(0.87640449, 7);
    expect(model.intercept).toBeCloseTo(0.92134831, 7);
  });

  it('refuses mismatched lengths and a non-positive alpha', () => {
    expect(() => fitRidgeRegression(features, [1, 2], 1)).toThrow('Ridge regression got 4 feature rows and 2 targets.');
    expect(() => fitRidgeRegression(features, target, 0)).toThrow('Ridge regression needs alpha > 0, got 0.');
  });
});
