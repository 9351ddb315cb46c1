import type { PredictionTarget } from './prediction-target.js';
import { resolveFeedbackLabel } from './resolve-feedback-label.js';

const BINARY: PredictionTarget = { task: 'binary', classes: ['no', 'yes'], column: 'defaulted' };
const OLD_BINARY: PredictionTarget = { task: 'binary', classes: ['0', '1'], column: 'churned' };
const TICKETS: PredictionTarget = {
  task: 'multiclass',
  classes: ['low', 'normal', 'urgent'],
  column: 'priority',
};
const GRADES: PredictionTarget = { task: 'multiclass', classes: ['1', '2', '3'], column: 'grade' };
const LISTINGS: PredictionTarget = { task: 'regression', classes: [], column: 'price_eur' };

describe('resolveFeedbackLabel', () => {
  it.each([
    ['binary class text', BINARY, 'yes', 1],
    ['binary negative class text', BINARY, 'no', 0],
    ['binary 1 (the positive class)', BINARY, 1, 1],
    ['binary 0', BINARY, 0, 0],
    ['binary true', BINARY, true, 1],
    ['binary false', BINARY, false, 0],
    ['a bundle from before classes, "1"', OLD_BINARY, '1', 1],
    ['multiclass class text', TICKETS, 'urgent', 2],
    ['multiclass integer class as a number', GRADES, 3, 2],
    ['multiclass integer class as text', GRADES, '1', 0],
    ['regression number', LISTINGS, 204.5, 204.5],
    ['regression negative number', LISTINGS, -3, -3],
    ['regression numeric text', LISTINGS, ' 1e3 ', 1000],
  ])('reads a %s', (_name, target, label, value) => {
    expect(resolveFeedbackLabel(target, label, 'body.label', '4')).toEqual({ value });
  });

  it.each([
    [
      'an unknown multiclass class',
      TICKETS,
      'critical',
      'feedback[1].label "critical" is not a class of version 4; its priority classes are "low", "normal", "urgent".',
    ],
    [
      'a multiclass index instead of a class text',
      TICKETS,
      2,
      'feedback[1].label 2 is not a class of version 4; its priority classes are "low", "normal", "urgent".',
    ],
    ['a boolean for a multiclass model', TICKETS, true, /label true is not a class of version 4/],
    [
      'an unknown binary class',
      BINARY,
      'maybe',
      'feedback[1].label "maybe" is not a class of version 4; its defaulted classes are "no", "yes", or 0 / 1 (1 = "yes").',
    ],
    ['a binary 2', BINARY, 2, /label 2 is not a class of version 4/],
    ['a binary "1" text (not a class)', BINARY, '1', /label "1" is not a class/],
    [
      'a non-numeric regression value',
      LISTINGS,
      'cheap',
      'feedback[1].label must be a finite number (the true price_eur), as version 4 is a regression model; got "cheap".',
    ],
    ['a blank regression text', LISTINGS, '  ', /must be a finite number/],
    ['a regression boolean', LISTINGS, true, /must be a finite number.*got true/],
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
