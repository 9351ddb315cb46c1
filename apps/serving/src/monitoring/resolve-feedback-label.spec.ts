import { resolveFeedbackLabel } from './resolve-feedback-label.js';
import { LISTINGS_TARGET, LOANS_TARGET, TICKETS_TARGET } from '../../test/prediction-targets.js';
import type { PredictionTarget } from './prediction-target.js';

const OLD_BINARY: PredictionTarget = { task: 'binary', classes: ['0', '1'], column: 'churned' };
const GRADES: PredictionTarget = { task: 'multiclass', classes: ['1', '2', '3'], column: 'grade' };

describe('resolveFeedbackLabel', () => {
  it.each([
    ['binary class text', LOANS_TARGET, 'yes', 1],
    ['binary negative class text', LOANS_TARGET, 'no', 0],
    ['binary 1 (the positive class)', LOANS_TARGET, 1, 1],
    ['binary 0', LOANS_TARGET, 0, 0],
    ['binary true', LOANS_TARGET, true, 1],
    ['binary false', LOANS_TARGET, false, 0],
    ['a bundle from before classes, "1"', OLD_BINARY, '1', 1],
    ['multiclass class text', TICKETS_TARGET, 'urgent', 2],
    ['multiclass integer class as a number', GRADES, 3, 2],
    ['multiclass integer class as text', GRADES, '1', 0],
    ['regression number', LISTINGS_TARGET, 204.5, 204.5],
    ['regression negative number', LISTINGS_TARGET, -3, -3],
    ['regression numeric text', LISTINGS_TARGET, ' 1e3 ', 1000],
  ])('reads a %s', (_name, target, label, value) => {
    expect(resolveFeedbackLabel(target, label, 'body.label', '4')).toEqual({ value });
  });

  it.each([
    [
      'an unknown multiclass class',
      TICKETS_TARGET,
      'critical',
      'feedback[1].label "critical" is not a class of version 4; its priority classes are "low", "normal", "urgent".',
    ],
    [
      'a multiclass index instead of a class text',
      TICKETS_TARGET,
      2,
      'feedback[1].label 2 is not a class of version 4; its priority classes are "low", "normal", "urgent".',
    ],
    [
      'a boolean for a multiclass model',
      TICKETS_TARGET,
      true,
      /label true is not a class of version 4/,
    ],
    [
      'an unknown binary class',
      LOANS_TARGET,
      'maybe',
      'feedback[1].label "maybe" is not a class of version 4; its defaulted classes are "no", "yes", or 0 / 1 (1 = "yes").',
    ],
    ['a binary 2', LOANS_TARGET, 2, /label 2 is not a class of version 4/],
    ['a binary "1" text (not a class)', LOANS_TARGET, '1', /label "1" is not a class/],
    [
      'a non-numeric regression value',
      LISTINGS_TARGET,
      'cheap',
      'feedback[1].label must be a finite number (the true price_eur), as version 4 is a regression model; got "cheap".',
    ],
    ['a blank regression text', LISTINGS_TARGET, '  ', /must be a finite number/],
    ['a regression boolean', LISTINGS_TARGET, true, /must be a finite number.*got true/],
  ])('refuses %s, naming the label and what it takes', (_name, target, label, error) => {
    const resolved = resolveFeedbackLabel(target, label, 'feedback[1].label', '4');
    expect(resolved.error).toEqual(
      typeof error === 'string' ? error : expect.stringMatching(error),
    );
  });

  it('lists the first 20 classes of a model with many', () => {
    const classes = Array.from({ length: 45 }, (_, i) => `c${i}`);
    const target: PredictionTarget = { task: 'multiclass', classes, column: 'y' };
    const { error } = resolveFeedbackLabel(target, 'x', 'body.label', '1');
    expect(error).toMatch(/"c19" and 25 more\.$/);
  });
});
