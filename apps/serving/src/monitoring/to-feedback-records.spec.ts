import type { LoggedPrediction } from './prediction-log.js';
import { findRecordProblem, toFeedbackRecords } from './to-feedback-records.js';
import { LISTINGS_TARGET, LOANS_TARGET, TICKETS_TARGET } from '../../test/prediction-targets.js';
import type { PredictionTarget } from './prediction-target.js';

const AT = '2026-01-01T00:00:00.000Z';

const prediction = (
  target: PredictionTarget,
  probability: number | null,
  predicted: number,
  features: LoggedPrediction['features'] = { age: 40 },
): LoggedPrediction => ({
  id: 'p1',
  model: 'm',
  version: '1',
  variant: 'stable',
  at: 0,
  target,
  probability,
  predicted,
  features,
  labelled: false,
});

const common = {
  predictionId: 'p1',
  model: 'm',
  version: '1',
  variant: 'stable',
  predictedAt: '1970-01-01T00:00:00.000Z',
  labelledAt: AT,
  features: { age: 40 },
};

describe('toFeedbackRecords and findRecordProblem', () => {
  it('gives a binary record as before tasks: 0/1 labels, the positive probability, no task', () => {
    expect(toFeedbackRecords(prediction(LOANS_TARGET, 0.7, 1), 0, AT)).toEqual([
      { ...common, probability: 0.7, predicted: 1, label: 0 },
    ]);
  });

  it('gives a multiclass record with the class texts and the predicted class probability', () => {
    expect(toFeedbackRecords(prediction(TICKETS_TARGET, 0.6, 2), 0, AT)).toEqual([
      { ...common, task: 'multiclass', probability: 0.6, predicted: 'urgent', label: 'low' },
    ]);
  });

  it('gives a regression record with the values and a null probability', () => {
    expect(toFeedbackRecords(prediction(LISTINGS_TARGET, null, 181.25), 204, AT)).toEqual([
      { ...common, task: 'regression', probability: null, predicted: 181.25, label: 204 },
    ]);
  });

  it('gives none for tensor input, whatever the task', () => {
    for (const entry of [
      prediction(LOANS_TARGET, 0.7, 1, null),
      prediction(TICKETS_TARGET, 0.6, 2, null),
      prediction(LISTINGS_TARGET, null, 3, null),
    ]) {
      expect(toFeedbackRecords(entry, 0, AT)).toEqual([]);
    }
  });

  it('names what the store would refuse, so the item is answered on its own instead of a 503', () => {
    const good = toFeedbackRecords(prediction(LOANS_TARGET, 0.7, 1), 0, AT);
    const nan = toFeedbackRecords(prediction(LOANS_TARGET, Number.NaN, 1), 0, AT);
    expect(findRecordProblem(good)).toBeNull();
    expect(findRecordProblem(nan)).toMatch(/probability.*must be a number in \[0, 1\]/);
    const infinite = toFeedbackRecords(prediction(LISTINGS_TARGET, null, Infinity), 1, AT);
    expect(findRecordProblem(infinite)).toMatch(/"predicted" must be a finite number/);
  });
});
