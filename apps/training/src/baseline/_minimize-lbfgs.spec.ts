import { minimizeLbfgs } from './_minimize-lbfgs.js';

describe('minimizeLbfgs', () => {
  it('finds the minimum of an ill-conditioned quadratic, and says it converged', () => {
    // f(x) = sum_i c_i (x_i - t_i)^2 with curvatures 1 to 1000 and its minimum at t.
    const target = [3, -2, 0.5, 10];
    const curvature = [1, 10, 100, 1000];
    const result = minimizeLbfgs(
      (x, gradient) => {
        let value = 0;
        x.forEach((xi, i) => {
          const d = xi - (target[i] ?? 0);
          value += (curvature[i] ?? 0) * d * d;
          gradient[i] = 2 * (curvature[i] ?? 0) * d;
        });
        return value;
      },
      new Float64Array(4),
      { maxIterations: 100, tolerance: 1e-10 },
    );
    expect(result.converged).toBe(true);
    expect(result.iterations).toBeLessThan(100);
    expect(Array.from(result.x)).toEqual(target.map((t) => expect.closeTo(t, 6)));
  });

  it('stops at the iteration cap without claiming convergence', () => {
    const result = minimizeLbfgs(
      (x, gradient) => {
        gradient[0] = Math.exp(x[0] ?? 0) - 1e-6;
        return Math.exp(x[0] ?? 0) - 1e-6 * (x[0] ?? 0);
      },
      new Float64Array(1),
      { maxIterations: 2, tolerance: 1e-12 },
    );
    expect(result).toMatchObject({ iterations: 2, converged: false });
  });
});
