import type { AcceptanceEvidence, AcceptanceLimits } from './check-acceptance.js';
import { checkAcceptance, percentile } from './check-acceptance.js';
import {
  formatAcceptanceMarkdown,
  formatAcceptanceText,
  passed,
} from './format-acceptance-report.js';
import { evaluatePredictions } from '../evaluate/evaluate-predictions.js';
import { scoreOutputs } from '../evaluate/score-outputs.js';

const limits: AcceptanceLimits = {
  tolerance: 1e-5,
  metricTolerance: 1e-4,
  maxP95Ms: 100,
  maxP99Ms: 200,
};
const labels = [0, 1, 1, 0, 1, 0];
const offline = Float32Array.from([0.1, 0.8, 0.6, 0.3, 0.9, 0.45]);
const metrics = {
  ...evaluatePredictions(labels, offline, { threshold: 0.5 }).metrics,
  threshold: 0.5,
};

function evidence(overrides: Partial<AcceptanceEvidence> = {}): AcceptanceEvidence {
  return {
    task: 'binary',
    classes: ['0', '1'],
    labels,
    offline,
    live: Array.from(offline),
    liveLabels: Array.from(offline, (p) => (p >= 0.5 ? '1' : '0')),
    threshold: 0.5,
    metrics,
    expected: { model: 'churn', version: '3' },
    served: { models: new Set(['churn']), versions: new Set(['3']) },
    latenciesMs: [10, 20, 30],
    ...overrides,
  };
}

const statuses = (e: AcceptanceEvidence, l = limits) =>
  Object.fromEntries(checkAcceptance(e, l).map((check) => [check.name, check.status]));

describe('checkAcceptance', () => {
  it('passes when the live answers, metrics, model and latency match', () => {
    expect(statuses(evidence())).toEqual({
      predictions: 'pass',
      metrics: 'pass',
      model: 'pass',
      latency: 'pass',
    });
  });

  it('names the rows whose probability is outside the tolerance', () => {
    const live = Array.from(offline);
    live[2] += 2e-5;
    live[4] -= 1e-6;
    const [predictions] = checkAcceptance(evidence({ live }), limits);
    expect(predictions?.status).toBe('fail');
    expect(predictions?.mismatches.map((m) => m.row)).toEqual([2]);
    expect(predictions?.mismatches[0]?.got).toMatch(/^p=0\.6000\d+ label=1$/);
  });

  it('fails a label on the wrong side of the threshold, unless the probability is at it', () => {
    const flipped = evidence({ liveLabels: ['1', '1', '1', '0', '1', '0'] });
    expect(statuses(flipped).predictions).toBe('fail');
    const atThreshold = Float32Array.from([0.1, 0.8, 0.6, 0.3, 0.9, 0.5]);
    const edge = evidence({
      offline: atThreshold,
      live: Array.from(atThreshold),
      liveLabels: ['0', '1', '1', '0', '1', '0'],
    });
    expect(statuses(edge).predictions).toBe('pass');
  });

  it('treats NaN answers as mismatches', () => {
    expect(statuses(evidence({ live: [Number.NaN, 0.8, 0.6, 0.3, 0.9, 0.45] })).predictions).toBe(
      'fail',
    );
  });

  it('fails the metrics when the recomputed ones differ from metrics.json beyond the tolerance', () => {
    const [, check] = checkAcceptance(evidence({ metrics: { ...metrics, accuracy: 0.2 } }), limits);
    expect(check?.status).toBe('fail');
    expect(check?.mismatches).toEqual([
      { row: 'accuracy', expected: '0.2', got: String(metrics.accuracy) },
    ]);
  });

  it('fails the metrics when metrics.json holds none of them, and skips them for a sample', () => {
    expect(statuses(evidence({ metrics: { threshold: 0.5 } })).metrics).toBe('fail');
    expect(statuses(evidence({ metrics: null })).metrics).toBe('skipped');
  });

  it.each([
    ['another model', { models: new Set(['loans']), versions: new Set(['3']) }, 'model'],
    ['another version', { models: new Set(['churn']), versions: new Set(['4']) }, 'version'],
    [
      'two versions (a canary mid-way)',
      { models: new Set(['churn']), versions: new Set(['3', '4']) },
      'version',
    ],
  ])('fails the model check on %s', (_, served, field) => {
    const check = checkAcceptance(evidence({ served }), limits)[2];
    expect(check?.status).toBe('fail');
    expect(check?.mismatches.map((m) => m.row)).toEqual([field]);
  });

  it('fails latency over the p95 or p99 limit', () => {
    expect(statuses(evidence({ latenciesMs: [10, 150] })).latency).toBe('fail');
    expect(statuses(evidence({ latenciesMs: [10, 20] }), { ...limits, maxP99Ms: 15 }).latency).toBe(
      'fail',
    );
  });
});

describe('checkAcceptance on a multiclass model', () => {
  const classes = ['low', 'normal', 'urgent'];
  const truth = [0, 1, 2, 1];
  const probabilities = [0.7, 0.2, 0.1, 0.1, 0.6, 0.3, 0.1, 0.2, 0.7, 0.2, 0.5, 0.3];
  const recorded = scoreOutputs('multiclass', truth, probabilities, { classes, threshold: Number.NaN });
  const multiclass = (overrides: Partial<AcceptanceEvidence> = {}) =>
    evidence({
      task: 'multiclass',
      classes,
      labels: truth,
      offline: probabilities,
      live: [...probabilities],
      liveLabels: ['low', 'normal', 'urgent', 'normal'],
      threshold: Number.NaN,
      metrics: recorded,
      ...overrides,
    });

  it('passes the same K probabilities and class texts, and the same multiclass metrics', () => {
    expect(statuses(multiclass())).toMatchObject({ predictions: 'pass', metrics: 'pass' });
    expect(Object.keys(recorded)).toEqual(expect.arrayContaining(['accuracy', 'macro_f1', 'log_loss']));
  });

  it('names a row whose class probability or class text differs', () => {
    const live = [...probabilities];
    live[5] = 0.31;
    const [shifted] = checkAcceptance(multiclass({ live }), limits);
    expect(shifted?.mismatches).toEqual([
      { row: 1, expected: 'p=[0.1, 0.6, 0.3] label=normal', got: 'p=[0.1, 0.6, 0.31] label=normal' },
    ]);
    const [relabelled] = checkAcceptance(multiclass({ liveLabels: ['low', 'normal', 'low', 'normal'] }), limits);
    expect(relabelled?.mismatches.map((m) => m.row)).toEqual([2]);
  });

  it('fails the metrics when the live probabilities score differently', () => {
    const live = [...probabilities];
    [live[3], live[4]] = [0.6, 0.1];
    expect(statuses(multiclass({ live })).metrics).toBe('fail');
  });
});

describe('checkAcceptance on a regression model', () => {
  const truth = [250_000, 310_000, 180_000];
  const values = [245_000.5, 318_000.25, 181_000];
  const regression = (overrides: Partial<AcceptanceEvidence> = {}) =>
    evidence({
      task: 'regression',
      classes: [],
      labels: truth,
      offline: values,
      live: [...values],
      liveLabels: [],
      threshold: Number.NaN,
      metrics: scoreOutputs('regression', truth, values, { classes: [], threshold: Number.NaN }),
      ...overrides,
    });

  it("passes the same values, with a tolerance relative to the value's size", () => {
    // float32 spacing at 318000 is 0.03: the same model answers within 1e-5 relative.
    expect(statuses(regression({ live: [245_000.5, 318_000.27, 181_000] }))).toMatchObject({ predictions: 'pass', metrics: 'pass' });
  });

  it('names a row whose value is off and fails the recomputed RMSE', () => {
    const [predictions, metricsCheck] = checkAcceptance(regression({ live: [245_000.5, 318_100, 181_000] }), limits);
    expect(predictions?.mismatches).toEqual([{ row: 1, expected: 'value=318000.25', got: 'value=318100' }]);
    expect(metricsCheck?.mismatches.map((m) => m.row)).toEqual(expect.arrayContaining(['rmse', 'mae']));
  });
});

describe('percentile', () => {
  it.each([
    [[5, 1, 3, 2, 4], 50, 3],
    [[5, 1, 3, 2, 4], 95, 5],
    [[7], 99, 7],
    [Array.from({ length: 100 }, (_, i) => i + 1), 95, 95],
  ])('of %j at p%d is %d (nearest rank)', (values, p, expected) => {
    expect(percentile(values, p)).toBe(expected);
  });

  it('is NaN without values (which fails a latency limit)', () => {
    expect(percentile([], 95)).toBeNaN();
    expect(statuses(evidence({ latenciesMs: [] })).latency).toBe('fail');
  });
});

describe('acceptance report', () => {
  const live = Array.from(offline);
  live[1] = 0.1;
  const checks = checkAcceptance(evidence({ live, liveLabels: ['0', '0', '1', '0', '1', '0'] }), limits);

  it('prints each check and the first mismatches with row, expected and got', () => {
    const text = formatAcceptanceText('http://x', checks);
    expect(text).toMatch(/^ {2}FAIL {4}predictions: 5\/6 answers equal/m);
    expect(text).toMatch(/row 1: expected p=0\.80\d* label=1, got p=0\.1 label=0/);
    expect(text.trimEnd().split('\n').at(-1)).toBe(
      'Rejected: the live service differs from the bundle.',
    );
    expect(passed(checks)).toBe(false);
  });

  it('writes a Markdown table for the job summary', () => {
    const markdown = formatAcceptanceMarkdown('http://x', checks);
    expect(markdown).toContain('### Model acceptance: rejected');
    expect(markdown).toContain('| predictions | ❌ fail |');
    expect(markdown).toMatch(/\| 1 \| p=0\.80\d* label=1 \| p=0\.1 label=0 \|/);
  });
});
