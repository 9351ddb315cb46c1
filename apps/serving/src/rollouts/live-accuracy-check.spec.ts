import type { LoggedPrediction } from '../monitoring/prediction-log.js';
import type { AccuracyThresholds } from './live-accuracy-check.js';
import { collectLabels, compareAccuracy, LabelledWindow } from './live-accuracy-check.js';

const LIMITS: AccuracyThresholds = { minLabelledRows: 50, maxAccuracyDrop: 0.05 };

// `rows` labelled predictions of which `correct` are right; labels alternate 1/0, and right
// answers score high on positives (so the AUC of a fully right window is 1).
function windowOf(rows: number, correct: number): LabelledWindow {
  const window = new LabelledWindow();
  for (let i = 0; i < rows; i++) {
    const label = i % 2 === 0 ? 1 : 0;
    const predicted = i < correct ? label : 1 - label;
    window.add(predicted === 1 ? 0.9 : 0.1, predicted as 0 | 1, label);
  }
  return window;
}

describe('compareAccuracy', () => {
  it.each([
    ['too few candidate labels', windowOf(100, 90), windowOf(49, 0), 'inconclusive'],
    ['too few stable labels', windowOf(49, 49), windowOf(100, 10), 'inconclusive'],
    ['no labels at all', windowOf(0, 0), windowOf(0, 0), 'inconclusive'],
    ['exactly the minimum, equal accuracy', windowOf(50, 45), windowOf(50, 45), 'passed'],
    ['a better candidate', windowOf(100, 80), windowOf(100, 95), 'passed'],
    ['a drop of exactly the limit', windowOf(100, 90), windowOf(100, 85), 'passed'],
    [
      'a drop over the limit but within noise',
      windowOf(100, 90),
      windowOf(100, 84),
      'inconclusive',
    ],
    ['a significant drop over the limit', windowOf(1000, 900), windowOf(1000, 840), 'failed'],
    ['a candidate that is always wrong', windowOf(50, 50), windowOf(50, 0), 'failed'],
  ])('%s is %s', (_, stable, candidate, result) => {
    const outcome = compareAccuracy(stable, candidate, LIMITS);
    expect(outcome.check).toBe('live_accuracy');
    expect(outcome.result).toBe(result);
  });

  it('names the accuracies, the row counts and both ROC AUCs in the detail', () => {
    const { detail } = compareAccuracy(windowOf(60, 60), windowOf(50, 0), LIMITS);
    expect(detail).toMatch(/accuracy candidate 0\.00% vs stable 100\.00% over 50\/60 labelled/);
    expect(detail).toMatch(/ROC AUC candidate 0\.000 vs stable 1\.000/);
  });

  it('says the AUC is not computable while one class is missing', () => {
    const oneClass = new LabelledWindow();
    for (let i = 0; i < 50; i++) oneClass.add(0.8, 1, 1);
    const { detail } = compareAccuracy(oneClass, oneClass, LIMITS);
    expect(detail).toMatch(/ROC AUC candidate n\/a \(one class\) vs stable n\/a \(one class\)/);
  });
});

describe('collectLabels', () => {
  const stable = { name: 'm', version: '1', variant: 'stable' };
  const canary = { name: 'm', version: '2', variant: 'canary' };
  const prediction = (key: typeof stable, at: number, predicted: 0 | 1): LoggedPrediction => ({
    id: `${key.version}-${at}`,
    model: key.name,
    version: key.version,
    variant: key.variant,
    at,
    probability: predicted,
    predicted,
    features: null,
    labelled: true,
  });

  it('joins each label to the version and variant that predicted, from the start time on', () => {
    const labels = collectLabels(stable, canary, 1000);
    labels.listener(prediction(canary, 1500, 1), 0);
    labels.listener(prediction(canary, 2500, 0), 0);
    labels.listener(prediction(stable, 1200, 1), 1);
    labels.listener(prediction(stable, 999, 0), 1);
    labels.listener(prediction({ ...canary, variant: 'b' }, 1500, 1), 1);
    labels.listener(prediction({ ...stable, version: '0' }, 1500, 1), 1);
    expect([labels.candidate.size, labels.candidate.accuracy]).toEqual([2, 0.5]);
    expect([labels.stable.size, labels.stable.accuracy]).toEqual([1, 1]);
  });
});
