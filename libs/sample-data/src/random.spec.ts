import { deterministicExp, deterministicSigmoid } from './deterministic-math.js';
import { createRandom } from './random.js';

describe('createRandom', () => {
  it('repeats its sequence for a seed, and differs between seeds', () => {
    const draw = (seed: number): number[] => {
      const random = createRandom(seed);
      return Array.from({ length: 5 }, () => random.next());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('draws uniform values in [0, 1) with the right mean', () => {
    const random = createRandom(1);
    const values = Array.from({ length: 20_000 }, () => random.next());
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(values.reduce((sum, value) => sum + value, 0) / values.length).toBeCloseTo(0.5, 2);
  });

  it('draws normal values with mean 0 and standard deviation 1', () => {
    const random = createRandom(2);
    const values = Array.from({ length: 20_000 }, () => random.normal());
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length;
    expect(mean).toBeCloseTo(0, 1);
    expect(Math.sqrt(variance)).toBeCloseTo(1, 1);
  });

  it('draws Poisson counts with the given mean', () => {
    const random = createRandom(3);
    const values = Array.from({ length: 20_000 }, () => random.poisson(1.5));
    expect(values.reduce((sum, value) => sum + value, 0) / values.length).toBeCloseTo(1.5, 1);
  });
});

describe('deterministicExp', () => {
  it.each([-20, -3.7, -1, -0.5, 0, 0.3, 1, 2.5, 10, 50])(
    'agrees with Math.exp(%f) to 1e-14',
    (x) => {
      expect(Math.abs(deterministicExp(x) - Math.exp(x)) / Math.exp(x)).toBeLessThan(1e-14);
    },
  );

  it('gives a sigmoid of 0.5 at 0', () => {
    expect(deterministicSigmoid(0)).toBe(0.5);
  });
});
