import { createSeededRandom } from './create-seeded-random.js';
import { shuffleInPlace } from './shuffle-in-place.js';

describe('shuffleInPlace', () => {
  it('permutes every item exactly once, in place', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const same = shuffleInPlace(items, createSeededRandom(3));
    expect(same).toBe(items);
    expect([...items].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(items).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('gives the same order for the same seed, on typed arrays too', () => {
    const a = shuffleInPlace(
      Int32Array.from({ length: 20 }, (_, i) => i),
      createSeededRandom(9),
    );
    const b = shuffleInPlace(
      Int32Array.from({ length: 20 }, (_, i) => i),
      createSeededRandom(9),
    );
    expect(Array.from(a)).toEqual(Array.from(b));
  });
});
