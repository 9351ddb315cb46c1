import type { CanaryThresholds } from './canary-checks.js';
import { compareWindows, SampleWindow } from './canary-checks.js';

const LIMITS: CanaryThresholds = {
  minSamples: 10,
  maxErrorRateIncrease: 0.05,
  maxP99Ratio: 1.5,
  p99ToleranceMs: 1,
};

function windowOf(count: number, ms: number, errors = 0): SampleWindow {
  const window = new SampleWindow();
  for (let i = 0; i < count; i++) window.add(ms / 1000, i < errors);
  return window;
}

describe('compareWindows', () => {
  it.each([
    [
      'too few candidate samples',
      windowOf(50, 2),
      windowOf(9, 2),
      ['inconclusive', 'inconclusive'],
    ],
    ['too few stable samples', windowOf(3, 2), windowOf(50, 2), ['inconclusive', 'inconclusive']],
    ['equal behaviour', windowOf(50, 2), windowOf(50, 2), ['passed', 'passed']],
    [
      'an error rate within the allowed increase',
      windowOf(100, 2, 1),
      windowOf(100, 2, 5),
      ['passed', 'passed'],
    ],
    [
      'an error rate above the allowed increase',
      windowOf(100, 2),
      windowOf(100, 2, 10),
      ['failed', 'passed'],
    ],
    [
      'a p99 over the ratio and the tolerance',
      windowOf(50, 4),
      windowOf(50, 20),
      ['passed', 'failed'],
    ],
    [
      'a p99 over the ratio but within the tolerance',
      windowOf(50, 0.5),
      windowOf(50, 1.2),
      ['passed', 'passed'],
    ],
  ])('%s', (_, stable, candidate, results) => {
    const outcomes = compareWindows(stable, candidate, LIMITS);
    expect(outcomes.map((outcome) => outcome.check)).toEqual(['error_rate', 'p99_latency']);
    expect(outcomes.map((outcome) => outcome.result)).toEqual(results);
  });

  it('takes the nearest-rank 99th percentile', () => {
    const window = new SampleWindow();
    for (let ms = 1; ms <= 200; ms++) window.add(ms / 1000, false);
    expect(window.p99()).toBeCloseTo(0.198);
  });
});
