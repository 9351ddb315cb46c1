import { evaluatePredictions } from './evaluate-predictions.js';
import { EvaluationError } from './evaluation-error.js';

describe('evaluatePredictions', () => {
  it('gathers the headline metrics, the curves and the class balance', () => {
    const evaluation = evaluatePredictions([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8], {
      threshold: 0.5,
      calibrationBins: 5,
    });
    expect(evaluation.metrics.roc_auc).toBeCloseTo(0.75, 12);
    expect(evaluation.metrics.pr_auc).toBeCloseTo(5 / 6, 12);
    expect(evaluation.metrics.accuracy).toBe(0.75);
    expect(evaluation.confusion).toEqual({
      truePositives: 1,
      falsePositives: 0,
      trueNegatives: 2,
      falseNegatives: 1,
    });
    expect(evaluation.rows).toBe(4);
    expect(evaluation.positiveRate).toBe(0.5);
    expect(evaluation.roc).toHaveLength(5);
    expect(evaluation.calibration).toHaveLength(5);
  });

  it.each([
    { name: 'lengths differ', labels: [0, 1], probabilities: [0.5], code: 'E_EVAL_LENGTH' },
    { name: 'there are no rows', labels: [], probabilities: [], code: 'E_EVAL_EMPTY' },
    { name: 'a label is not 0/1', labels: [0, 2], probabilities: [0.5, 0.5], code: 'E_EVAL_LABEL' },
    {
      name: 'a probability is outside [0, 1]',
      labels: [0, 1],
      probabilities: [0.5, 1.5],
      code: 'E_EVAL_PROBABILITY',
    },
    {
      name: 'a probability is NaN',
      labels: [0, 1],
      probabilities: [0.5, Number.NaN],
      code: 'E_EVAL_PROBABILITY',
    },
  ])('refuses input when $name', ({ labels, probabilities, code }) => {
    expect(() => evaluatePredictions(labels, probabilities, { threshold: 0.5 })).toThrow(
      expect.objectContaining({ code, constructor: EvaluationError }),
    );
  });

  it('explains a length mismatch', () => {
    expect(() =>
      evaluatePredictions([0, 1, 1], [0.5], { threshold: 0.5 }),
    ).toThrowErrorMatchingInlineSnapshot(
      `"Got 3 labels but 1 probabilities; pass one probability per test row."`,
    );
  });
});
