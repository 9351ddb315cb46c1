import type { Scores } from '../models/predict-matrix.js';
import { countDisagreements, SHADOW_VALUE_TOLERANCE } from './count-disagreements.js';

const EMPTY = new Float32Array(0);
const classified = (task: 'binary' | 'multiclass', labels: number[]): Scores => ({
  task,
  labels: Uint16Array.from(labels),
  probabilities: new Float32Array(labels.length).fill(0.8),
  classProbabilities: EMPTY,
  values: EMPTY,
});
const valued = (values: number[]): Scores => ({
  task: 'regression',
  labels: new Uint16Array(0),
  probabilities: EMPTY,
  classProbabilities: EMPTY,
  values: Float32Array.from(values),
});

describe('countDisagreements (shadow rollouts)', () => {
  it('counts binary rows whose class differs', () => {
    const classes = ['no', 'yes'];
    expect(
      countDisagreements(
        { scores: classified('binary', [1, 0, 1, 0]), classes },
        { scores: classified('binary', [1, 1, 0, 0]), classes },
        4,
      ),
    ).toBe(2);
  });

  it('compares multiclass answers as class texts, whatever each version’s class order', () => {
    const primary = { scores: classified('multiclass', [0, 1, 2]), classes: ['a', 'b', 'c'] };
    // The shadow orders its classes c, a, b: indexes 1, 2, 0 are the texts a, b, c.
    const same = { scores: classified('multiclass', [1, 2, 0]), classes: ['c', 'a', 'b'] };
    const other = { scores: classified('multiclass', [1, 1, 1]), classes: ['c', 'a', 'b'] };
    expect(countDisagreements(primary, same, 3)).toBe(0);
    expect(countDisagreements(primary, other, 3)).toBe(2);
  });

  it(`counts regression values more than ${SHADOW_VALUE_TOLERANCE * 100}% apart`, () => {
    const primary = { scores: valued([100, 100, -200, 0, 0]), classes: [] };
    const shadow = { scores: valued([104.9, 106, -211, 0, 0.001]), classes: [] };
    expect(countDisagreements(primary, shadow, 5)).toBe(3);
  });

  it('counts every row when the versions answer different tasks', () => {
    const primary = { scores: classified('binary', [1, 0]), classes: ['no', 'yes'] };
    expect(countDisagreements(primary, { scores: valued([1, 0]), classes: [] }, 2)).toBe(2);
  });
});
