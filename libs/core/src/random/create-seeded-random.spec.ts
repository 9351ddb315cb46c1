import { createSeededRandom } from './create-seeded-random.js';

describe('createSeededRandom', () => {
  it('repeats the same sequence for the same seed', () => {
    const a = createSeededRandom(42);
    const b = createSeededRandom(42);
    const first = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(first);
    expect(new Set(first).size).toBe(5);
  });

  it('gives the reference mulberry32 sequence (seed 1 starts 0.6270739405881613), so data generated before stays the same', () => {
    const random = createSeededRandom(1);
    expect(Math.round(random() * 4_294_967_296)).toBe(2693262067);
    expect(Math.round(random() * 4_294_967_296)).toBe(11749833);
  });

  it('stays in [0, 1) with a mean near one half', () => {
    const random = createSeededRandom(7);
    const values = Array.from({ length: 100_000 }, () => random());
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(values.reduce((sum, value) => sum + value, 0) / values.length).toBeCloseTo(0.5, 2);
  });

  it('differs between seeds', () => {
    expect(createSeededRandom(1)()).not.toBe(createSeededRandom(2)());
  });
});
