import type { FeedbackRecord } from '@modelship/feedback-store';
import { measureLiveQuality } from './measure-live-quality.js';

const base = {
  predictionId: 'p',
  model: 'm',
  version: '1',
  variant: 'stable',
  predictedAt: '2025-01-01T00:00:00.000Z',
  labelledAt: '2025-01-01T00:00:01.000Z',
  features: {},
};
const binary = (predicted: 0 | 1, label: 0 | 1, probability: number): FeedbackRecord => ({
  ...base,
  probability,
  predicted,
  label,
});
const multiclass = (predicted: string, label: string): FeedbackRecord => ({
  ...base,
  task: 'multiclass',
  probability: 0.5,
  predicted,
  label,
});
const regression = (predicted: number, label: number): FeedbackRecord => ({
  ...base,
  task: 'regression',
  probability: null,
  predicted,
  label,
});

describe('measureLiveQuality', () => {
  it('gives accuracy, ROC AUC and macro F1 of binary feedback', () => {
    // 2 of 4 right; positives score 0.9 and 0.4, negatives 0.6 and 0.1: AUC 3/4.
    const figures = measureLiveQuality(
      [binary(1, 1, 0.9), binary(0, 1, 0.4), binary(1, 0, 0.6), binary(0, 0, 0.1)],
      'binary',
    );
    expect(figures).toEqual({
      accuracy: 0.5,
      rocAuc: 0.75,
      macroF1: 0.5,
      rmse: null,
      mae: null,
    });
  });

  it('gives accuracy and macro F1 over the class texts of multiclass feedback', () => {
    // low: P 1/1, R 1/2 -> F1 2/3; normal: P 1/2, R 1/1 -> 2/3; urgent: P 1, R 1 -> 1.
    const figures = measureLiveQuality(
      [
        multiclass('low', 'low'),
        multiclass('normal', 'low'),
        multiclass('normal', 'normal'),
        multiclass('urgent', 'urgent'),
      ],
      'multiclass',
    );
    expect(figures?.accuracy).toBe(0.75);
    expect(figures?.macroF1).toBeCloseTo((2 / 3 + 2 / 3 + 1) / 3, 12);
    expect(figures).toMatchObject({ rocAuc: null, rmse: null, mae: null });
  });

  it('gives RMSE and MAE of regression feedback in the target units', () => {
    const figures = measureLiveQuality(
      [regression(110, 100), regression(180, 200), regression(300, 300)],
      'regression',
    );
    expect(figures?.mae).toBeCloseTo(10, 12);
    expect(figures?.rmse).toBeCloseTo(Math.sqrt(500 / 3), 12);
    expect(figures).toMatchObject({ accuracy: null, rocAuc: null, macroF1: null });
  });

  it('has nothing to say without records, and no AUC over one class', () => {
    expect(measureLiveQuality([], 'multiclass')).toBeNull();
    expect(measureLiveQuality([binary(1, 1, 0.9), binary(0, 1, 0.2)], 'binary')?.rocAuc).toBeNull();
  });
});
