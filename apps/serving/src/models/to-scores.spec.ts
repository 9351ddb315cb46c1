import { ModelOutputError } from '../http/serving-error.js';
import type { ModelVersion } from './model-version.js';
import { toScores } from './to-scores.js';

const key = { name: 'm', version: '3', variant: 'stable' };
const model = (task: ModelVersion['task'], classes: string[], threshold = 0.5) => ({
  key,
  task,
  classes,
  threshold,
});

describe('toScores', () => {
  it('labels binary rows by the threshold, keeping the positive class probability', () => {
    const output = Float32Array.of(0.2, 0.25, 0.9);
    const scores = toScores(model('binary', ['no', 'yes'], 0.25), output, 3);
    expect(Array.from(scores.labels)).toEqual([0, 1, 1]);
    expect(scores.probabilities).toBe(output);
    expect([scores.classProbabilities.length, scores.values.length]).toEqual([0, 0]);
  });

  it('labels multiclass rows by argmax, with that class probability and every class', () => {
    const output = Float32Array.of(0.1, 0.6, 0.3, 0.5, 0.2, 0.3);
    const scores = toScores(model('multiclass', ['low', 'normal', 'urgent']), output, 2);
    expect(Array.from(scores.labels)).toEqual([1, 0]);
    expect(Array.from(scores.probabilities)).toEqual([Math.fround(0.6), Math.fround(0.5)]);
    expect(scores.classProbabilities).toBe(output);
  });

  it('keeps regression values as they are, with no labels or probabilities', () => {
    const output = Float32Array.of(-12.5, 412000);
    const scores = toScores(model('regression', []), output, 2);
    expect(scores.values).toBe(output);
    expect([scores.labels.length, scores.probabilities.length]).toEqual([0, 0]);
  });

  it.each([
    [
      'binary',
      ['no', 'yes'],
      [0.3, Number.NaN],
      'scored row 1 as NaN, not a probability in [0, 1]',
    ],
    ['binary', ['no', 'yes'], [1.5, 0.2], 'scored row 0 as 1.5, not a probability in [0, 1]'],
    [
      'multiclass',
      ['low', 'normal', 'urgent'],
      [0.2, 0.3, 0.5, 0.1, Number.NaN, 0.9],
      'scored row 1 as NaN for class "normal", not a probability in [0, 1]',
    ],
    [
      'regression',
      [],
      [1, Number.POSITIVE_INFINITY],
      'scored row 1 as Infinity, not a finite number',
    ],
  ] as const)(
    'refuses a %s output that is out of range (422)',
    (task, classes, values, message) => {
      const call = () =>
        toScores(
          model(task, [...classes]),
          Float32Array.from(values),
          values.length / (task === 'multiclass' ? 3 : 1),
        );
      expect(call).toThrow(ModelOutputError);
      expect(call).toThrow(`Model m v3 ${message}:`);
    },
  );

  it('refuses a multiclass output of the wrong size as an inference error', () => {
    expect(() => toScores(model('multiclass', ['a', 'b', 'c']), new Float32Array(4), 2)).toThrow(
      'The model answered 4 probabilities for 2 row(s) of 3 classes.',
    );
  });
});
