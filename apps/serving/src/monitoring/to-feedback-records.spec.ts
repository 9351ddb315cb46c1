import type { LoggedPrediction } from './prediction-log.js';
import { findRecordProblem, toFeedbackRecords } from './to-feedback-records.js';

const prediction = (probability: number, features: LoggedPrediction['features']) => ({
  id: 'p1',
  model: 'churn',
  version: '1',
  variant: 'stable',
  at: 0,
  probability,
  predicted: 1 as const,
  features,
  labelled: false,
});

describe('toFeedbackRecords and findRecordProblem', () => {
  it('gives one record for a row with raw features and none for tensor input', () => {
    expect(toFeedbackRecords(prediction(0.7, { age: 40 }), 1, '2026-01-01T00:00:00Z')).toEqual([
      expect.objectContaining({
        predictionId: 'p1',
        probability: 0.7,
        label: 1,
        features: { age: 40 },
      }),
    ]);
    expect(toFeedbackRecords(prediction(0.7, null), 1, '2026-01-01T00:00:00Z')).toEqual([]);
  });

  it('names what the store would refuse, so the item is answered on its own instead of a 503', () => {
    const good = toFeedbackRecords(prediction(0.7, { age: 40 }), 0, '2026-01-01T00:00:00Z');
    const nan = toFeedbackRecords(prediction(Number.NaN, { age: 40 }), 0, '2026-01-01T00:00:00Z');
    expect(findRecordProblem(good)).toBeNull();
    expect(findRecordProblem(nan)).toMatch(/probability.*must be a number in \[0, 1\]/);
  });
});
