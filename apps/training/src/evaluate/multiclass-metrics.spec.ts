import { createSeededRandom } from '@modelship/core';
import { EvaluationError } from './evaluation-error.js';
import { computeMulticlassMetrics } from './multiclass-metrics.js';

// Probabilities that put `high` on each row's predicted class and share the rest evenly.
function probabilitiesFor(predicted: readonly number[], classCount: number, high = 0.6): number[] {
  const low = (1 - high) / (classCount - 1);
  return predicted.flatMap((k) =>
    Array.from({ length: classCount }, (_, j) => (j === k ? high : low)),
  );
}

describe('computeMulticlassMetrics', () => {
  it("matches scikit-learn's f1_score example: macro and weighted F1 0.2667, per-class F1 [0.8, 0, 0]", () => {
    // y_true = [0, 1, 2, 0, 1, 2], y_pred = [0, 2, 1, 0, 0, 1] (sklearn.metrics.f1_score docs)
    const labels = [0, 1, 2, 0, 1, 2];
    const result = computeMulticlassMetrics(labels, probabilitiesFor([0, 2, 1, 0, 0, 1], 3), [
      'a',
      'b',
      'c',
    ]);
    expect(result.metrics.macro_f1).toBeCloseTo(0.8 / 3, 12);
    expect(result.metrics.weighted_f1).toBeCloseTo(0.8 / 3, 12);
    expect(result.metrics.accuracy).toBeCloseTo(2 / 6, 12);
    expect(
      result.perClass.map(({ class: name, f1, precision, recall, support }) => [
        name,
        f1,
        precision,
        recall,
        support,
      ]),
    ).toEqual([
      ['a', expect.closeTo(0.8, 12), expect.closeTo(2 / 3, 12), 1, 2],
      ['b', 0, 0, 0, 2],
      ['c', 0, 0, 0, 2],
    ]);
    expect(result.confusion).toEqual([
      [2, 0, 0],
      [1, 0, 1],
      [0, 2, 0],
    ]);
  });

  it("matches scikit-learn's confusion_matrix example: rows are true classes, columns predicted", () => {
    // y_true = [2, 0, 2, 2, 0, 1], y_pred = [0, 0, 2, 2, 0, 2] (sklearn.metrics.confusion_matrix docs)
    const result = computeMulticlassMetrics(
      [2, 0, 2, 2, 0, 1],
      probabilitiesFor([0, 0, 2, 2, 0, 2], 3),
      ['x', 'y', 'z'],
    );
    expect(result.confusion).toEqual([
      [2, 0, 0],
      [0, 0, 1],
      [1, 0, 2],
    ]);
  });

  it("matches scikit-learn's log_loss example (0.21616) on two classes", () => {
    // log_loss(["spam", "ham", "ham", "spam"], [[.1, .9], [.9, .1], [.8, .2], [.35, .65]]); classes ham, spam
    const result = computeMulticlassMetrics(
      [1, 0, 0, 1],
      [0.1, 0.9, 0.9, 0.1, 0.8, 0.2, 0.35, 0.65],
      ['ham', 'spam'],
    );
    expect(result.metrics.log_loss).toBeCloseTo(0.21616187468057912, 12);
  });

  describe('on four hand-checked rows of three classes', () => {
    const labels = [0, 1, 2, 0];
    // prettier-ignore
    const probabilities = [
      0.7, 0.2, 0.1,
      0.3, 0.4, 0.3,
      0.2, 0.3, 0.5,
      0.4, 0.5, 0.1,
    ];
    const result = computeMulticlassMetrics(labels, probabilities, ['low', 'mid', 'high']);

    it('averages one-vs-rest ROC AUC per class: (1 + 2/3 + 1) / 3', () => {
      expect(result.perClass.map((entry) => entry.rocAuc)).toEqual([
        1,
        expect.closeTo(2 / 3, 12),
        1,
      ]);
      expect(result.metrics.roc_auc).toBeCloseTo(8 / 9, 12);
    });

    it('predicts the most probable class: accuracy 3/4, macro F1 7/9, weighted F1 3/4', () => {
      expect(result.metrics.accuracy).toBe(0.75);
      expect(result.metrics.macro_f1).toBeCloseTo(7 / 9, 12);
      expect(result.metrics.weighted_f1).toBeCloseTo(3 / 4, 12);
      expect(result.confusion).toEqual([
        [1, 1, 0],
        [0, 1, 0],
        [0, 0, 1],
      ]);
    });

    it("takes the log loss of each row's true-class probability", () => {
      expect(result.metrics.log_loss).toBeCloseTo(
        -(Math.log(0.7) + Math.log(0.4) + Math.log(0.5) + Math.log(0.4)) / 4,
        12,
      );
    });
  });

  it('clips a zero probability of the true class at 1e-15', () => {
    expect(computeMulticlassMetrics([0, 1], [0, 1, 0, 1], ['a', 'b']).metrics.log_loss).toBeCloseTo(
      -Math.log(1e-15) / 2,
      9,
    );
  });

  it('leaves out of the macro averages a class the test split never holds and the model never predicts', () => {
    const result = computeMulticlassMetrics([0, 1, 0, 1], probabilitiesFor([0, 1, 0, 0], 3), [
      'a',
      'b',
      'c',
    ]);
    expect(result.perClass[2]).toEqual({
      class: 'c',
      precision: 0,
      recall: 0,
      f1: 0,
      support: 0,
      rocAuc: null,
    });
    // a: P 2/3 R 1 F1 0.8; b: P 1 R 1/2 F1 2/3
    expect(result.metrics.macro_f1).toBeCloseTo((0.8 + 2 / 3) / 2, 12);
    expect(result.metrics.roc_auc).toBeCloseTo(
      (result.perClass[0].rocAuc! + result.perClass[1].rocAuc!) / 2,
      12,
    );
  });

  it('breaks a probability tie towards the first class, as argmax does', () => {
    expect(computeMulticlassMetrics([1], [0.5, 0.5], ['a', 'b']).confusion).toEqual([
      [0, 0],
      [1, 0],
    ]);
  });

  it.each([3, 5, 8])(
    'scores a perfect model of %i generated classes 1, and is blind to the vocabulary order',
    (classCount) => {
      const random = createSeededRandom(classCount);
      const labels = Array.from({ length: 200 }, () => Math.floor(random() * classCount));
      const noisy = labels.map((k) => (random() < 0.3 ? (k + 1) % classCount : k));
      const perfect = computeMulticlassMetrics(
        labels,
        probabilitiesFor(labels, classCount, 0.9),
        names(classCount),
      );
      expect(perfect.metrics).toMatchObject({
        accuracy: 1,
        macro_f1: 1,
        weighted_f1: 1,
        roc_auc: 1,
      });
      expect(perfect.confusion.map((row, k) => row[k])).toEqual(
        perfect.perClass.map((entry) => entry.support),
      );

      // The same rows with the classes renumbered in reverse: every average stays the same.
      const reverse = (k: number) => classCount - 1 - k;
      const original = computeMulticlassMetrics(
        labels,
        probabilitiesFor(noisy, classCount),
        names(classCount),
      );
      const reversed = computeMulticlassMetrics(
        labels.map(reverse),
        probabilitiesFor(noisy.map(reverse), classCount),
        names(classCount),
      );
      for (const key of ['accuracy', 'macro_f1', 'weighted_f1', 'roc_auc', 'log_loss'] as const) {
        expect(reversed.metrics[key]).toBeCloseTo(original.metrics[key], 12);
      }
      expect(original.metrics.accuracy).toBeLessThan(0.8);
    },
  );

  it.each([
    ['one class', [0], [1], ['only'], 'E_EVAL_CLASSES'],
    ['no rows', [], [], ['a', 'b'], 'E_EVAL_EMPTY'],
    ['a row short of probabilities', [0, 1], [0.5, 0.5, 1], ['a', 'b'], 'E_EVAL_LENGTH'],
    ['a label outside the vocabulary', [0, 2], [0.5, 0.5, 0.5, 0.5], ['a', 'b'], 'E_EVAL_LABEL'],
    ['a fractional label', [0.5], [0.5, 0.5], ['a', 'b'], 'E_EVAL_LABEL'],
    ['a logit instead of a probability', [0], [2.3, -1], ['a', 'b'], 'E_EVAL_PROBABILITY'],
    ['a NaN probability', [0], [Number.NaN, 1], ['a', 'b'], 'E_EVAL_PROBABILITY'],
  ])('refuses %s', (_name, labels, probabilities, classes, code) => {
    expect(() => computeMulticlassMetrics(labels, probabilities, classes)).toThrow(
      expect.objectContaining({ code, constructor: EvaluationError }),
    );
  });
});

function names(count: number): string[] {
  return Array.from({ length: count }, (_, k) => `class ${k}`);
}
