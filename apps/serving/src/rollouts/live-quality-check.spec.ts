import { createSeededRandom } from '@modelship/core';
import type { LoggedPrediction } from '../monitoring/prediction-log.js';
import { LabelledWindow } from './labelled-window.js';
import type { LiveQualityThresholds } from './live-quality-check.js';
import { collectLabels, compareLiveQuality } from './live-quality-check.js';
import { LISTINGS_TARGET, LOANS_TARGET, TICKETS_TARGET } from '../../test/prediction-targets.js';

const LIMITS: LiveQualityThresholds = {
  minLabelledRows: 50,
  maxAccuracyDrop: 0.05,
  maxErrorIncrease: 0.1,
};

// `rows` labelled binary predictions of which `correct` are right; labels alternate 1/0, and
// right answers score high on positives (so the AUC of a fully right window is 1).
function binaryWindow(rows: number, correct: number): LabelledWindow {
  const window = new LabelledWindow(LOANS_TARGET);
  for (let i = 0; i < rows; i++) {
    const label = i % 2 === 0 ? 1 : 0;
    const predicted = i < correct ? label : 1 - label;
    window.add({ probability: predicted === 1 ? 0.9 : 0.1, predicted }, label);
  }
  return window;
}

// `rows` labelled ticket predictions, classes in turn, of which `correct` are right (a wrong one
// is the next class).
function ticketWindow(rows: number, correct: number): LabelledWindow {
  const window = new LabelledWindow(TICKETS_TARGET);
  for (let i = 0; i < rows; i++) {
    const label = i % 3;
    window.add({ probability: 0.8, predicted: i < correct ? label : (label + 1) % 3 }, label);
  }
  return window;
}

// `rows` labelled listings whose errors are normal with the given spread around `bias`, from a
// seeded stream (true prices 50 to 500 EUR).
function listingWindow(rows: number, bias: number, spread: number, seed: number): LabelledWindow {
  const random = createSeededRandom(seed);
  const window = new LabelledWindow(LISTINGS_TARGET);
  for (let i = 0; i < rows; i++) {
    const truth = 50 + 450 * random();
    const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    window.add({ probability: null, predicted: truth + bias + spread * normal }, truth);
  }
  return window;
}

describe('compareLiveQuality: classification (accuracy, two-proportion z-test)', () => {
  it.each([
    ['too few candidate labels', binaryWindow(100, 90), binaryWindow(49, 0), 'inconclusive'],
    ['too few stable labels', binaryWindow(49, 49), binaryWindow(100, 10), 'inconclusive'],
    ['no labels at all', binaryWindow(0, 0), binaryWindow(0, 0), 'inconclusive'],
    ['exactly the minimum, equal accuracy', binaryWindow(50, 45), binaryWindow(50, 45), 'passed'],
    ['a better candidate', binaryWindow(100, 80), binaryWindow(100, 95), 'passed'],
    ['a drop of exactly the limit', binaryWindow(100, 90), binaryWindow(100, 85), 'passed'],
    [
      'a drop over the limit but within noise',
      binaryWindow(100, 90),
      binaryWindow(100, 84),
      'inconclusive',
    ],
    ['a significant drop', binaryWindow(1000, 900), binaryWindow(1000, 840), 'failed'],
    ['an always wrong candidate', binaryWindow(50, 50), binaryWindow(50, 0), 'failed'],
    ['multiclass: too few labels', ticketWindow(60, 60), ticketWindow(20, 0), 'inconclusive'],
    ['multiclass: an equal candidate', ticketWindow(300, 240), ticketWindow(300, 240), 'passed'],
    ['multiclass: a small noisy drop', ticketWindow(60, 54), ticketWindow(60, 50), 'inconclusive'],
    ['multiclass: a clearly worse one', ticketWindow(300, 270), ticketWindow(300, 150), 'failed'],
  ])('%s is %s', (_, stable, candidate, result) => {
    const outcome = compareLiveQuality(stable, candidate, LIMITS);
    expect(outcome.check).toBe('live_accuracy');
    expect(outcome.result).toBe(result);
  });

  it('names the accuracies, the row counts, both macro F1s and both ROC AUCs (binary)', () => {
    const { detail } = compareLiveQuality(binaryWindow(60, 60), binaryWindow(50, 0), LIMITS);
    expect(detail).toMatch(/accuracy candidate 0\.00% vs stable 100\.00% over 50\/60 labelled/);
    expect(detail).toMatch(/macro F1 candidate 0\.000 vs stable 1\.000/);
    expect(detail).toMatch(/ROC AUC candidate 0\.000 vs stable 1\.000/);
  });

  it('gives macro F1 and no ROC AUC for a multiclass model', () => {
    const { detail } = compareLiveQuality(ticketWindow(90, 90), ticketWindow(90, 60), LIMITS);
    expect(detail).toMatch(/accuracy candidate 66\.67% vs stable 100\.00% over 90\/90/);
    expect(detail).toMatch(/macro F1 candidate 0\.667 vs stable 1\.000$/);
  });

  it('says the AUC is not computable while one class is missing', () => {
    const oneClass = new LabelledWindow(LOANS_TARGET);
    for (let i = 0; i < 50; i++) oneClass.add({ probability: 0.8, predicted: 1 }, 1);
    const { detail } = compareLiveQuality(oneClass, oneClass, LIMITS);
    expect(detail).toMatch(/ROC AUC candidate n\/a \(one class\) vs stable n\/a \(one class\)/);
  });
});

describe('compareLiveQuality: regression (MAE, Welch t-test on absolute errors)', () => {
  it.each([
    ['too few labels', listingWindow(300, 0, 20, 1), listingWindow(30, 0, 60, 2), 'inconclusive'],
    ['an equal candidate', listingWindow(300, 0, 20, 3), listingWindow(300, 0, 20, 4), 'passed'],
    ['a better candidate', listingWindow(300, 0, 40, 5), listingWindow(300, 0, 20, 6), 'passed'],
    [
      'a slightly worse one within the margin',
      listingWindow(2000, 0, 20, 7),
      listingWindow(2000, 0, 21, 8),
      'passed',
    ],
    [
      'a worse one beyond the margin but noisy and small',
      listingWindow(50, 0, 20, 9),
      listingWindow(50, 0, 25, 10),
      'inconclusive',
    ],
    [
      'a clearly worse one (double the error)',
      listingWindow(300, 0, 20, 11),
      listingWindow(300, 0, 40, 12),
      'failed',
    ],
    [
      'a biased one (+30 EUR on every listing)',
      listingWindow(200, 0, 10, 13),
      listingWindow(200, 30, 10, 14),
      'failed',
    ],
  ])('%s is %s', (_, stable, candidate, result) => {
    const outcome = compareLiveQuality(stable, candidate, LIMITS);
    expect(outcome.check).toBe('live_error');
    expect(outcome.result).toBe(result);
  });

  it('holds a margin: the same candidate passes with a wide one and fails with none', () => {
    const stable = listingWindow(400, 0, 20, 15);
    const candidate = listingWindow(400, 0, 26, 16);
    expect(compareLiveQuality(stable, candidate, { ...LIMITS, maxErrorIncrease: 0.5 }).result).toBe(
      'passed',
    );
    expect(compareLiveQuality(stable, candidate, { ...LIMITS, maxErrorIncrease: 0 }).result).toBe(
      'failed',
    );
  });

  it('names both MAEs, the change, the test and both RMSEs in the detail', () => {
    const stable = new LabelledWindow(LISTINGS_TARGET);
    const candidate = new LabelledWindow(LISTINGS_TARGET);
    for (let i = 0; i < 50; i++) {
      stable.add({ probability: null, predicted: 100 + (i % 2 === 0 ? 10 : -10) }, 100);
      candidate.add({ probability: null, predicted: 100 + (i % 2 === 0 ? 30 : -10) }, 100);
    }
    const outcome = compareLiveQuality(stable, candidate, LIMITS);
    expect(outcome.result).toBe('failed');
    expect(outcome.detail).toMatch(
      /^MAE candidate 20 vs stable 10 \(\+100\.0%, max \+10\.0%\) over 50\/50 labelled predictions since the canary started \(Welch t [\d.]+ on absolute errors, significant from 1\.68 at 49 df\); RMSE candidate 22\.36 vs stable 10$/,
    );
  });

  it('is inconclusive when stable is of another task', () => {
    const outcome = compareLiveQuality(
      binaryWindow(100, 100),
      listingWindow(100, 0, 10, 17),
      LIMITS,
    );
    expect(outcome).toMatchObject({ check: 'live_error', result: 'inconclusive' });
    expect(outcome.detail).toMatch(/a regression model and stable a binary one/);
  });
});

describe('collectLabels', () => {
  const version = (v: string, variant: string) => ({
    key: { name: 'm', version: v, variant },
    ...TICKETS_TARGET,
  });
  const stable = version('1', 'stable');
  const canary = version('2', 'canary');
  const prediction = (key: typeof stable.key, at: number, predicted: number): LoggedPrediction => ({
    id: `${key.version}-${at}`,
    model: key.name,
    version: key.version,
    variant: key.variant,
    at,
    target: TICKETS_TARGET,
    probability: 0.9,
    predicted,
    features: null,
    labelled: true,
  });

  it('joins each label to the version and variant that predicted, from the start time on', () => {
    const labels = collectLabels(stable, canary, 1000);
    labels.listener(prediction(canary.key, 1500, 2), 0);
    labels.listener(prediction(canary.key, 2500, 1), 1);
    labels.listener(prediction(stable.key, 1200, 2), 2);
    labels.listener(prediction(stable.key, 999, 0), 1);
    labels.listener(prediction({ ...canary.key, variant: 'b' }, 1500, 1), 1);
    labels.listener(prediction({ ...stable.key, version: '0' }, 1500, 1), 1);
    expect(labels.candidate.size).toBe(2);
    expect(labels.candidate.quality.summary().accuracy).toBe(0.5);
    expect(labels.stable.size).toBe(1);
    expect(labels.stable.quality.summary().accuracy).toBe(1);
  });
});
