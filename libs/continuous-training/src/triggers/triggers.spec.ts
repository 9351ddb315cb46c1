import { parseCtParams } from '../ct-params.js';
import { parsePrometheusText } from '../prometheus-text.js';
import type { TriggerInputs } from './ct-trigger.js';
import { driftTrigger } from './drift-trigger.js';
import { liveQualityTrigger } from './live-quality-trigger.js';
import { newRowsTrigger } from './new-rows-trigger.js';
import { scheduleTrigger } from './schedule-trigger.js';

const params = parseCtParams({
  ct: {
    drift: { max_psi: 0.2, min_window_rows: 500 },
    live: { min_accuracy: 0.7, min_roc_auc: 0.75, min_labelled_rows: 200 },
    new_labelled_rows: 2000,
    schedule: { max_model_age_days: 30 },
  },
});

// Serving's exposition for the production version 3 and a canary version 4.
function scrape(
  psi: Record<string, number>,
  windowRows: number,
  live?: { accuracy: number; auc: number; rows: number },
): string {
  const lines = [
    '# HELP modelship_feature_drift_psi PSI per feature.',
    '# TYPE modelship_feature_drift_psi gauge',
  ];
  for (const [feature, value] of Object.entries(psi))
    lines.push(
      `modelship_feature_drift_psi{model="churn",version="3",feature="${feature}"} ${value}`,
    );
  lines.push(`modelship_feature_drift_psi{model="churn",version="4",feature="age"} 0.9`);
  lines.push(
    '# TYPE modelship_drift_window_rows gauge',
    `modelship_drift_window_rows{model="churn",version="3"} ${windowRows}`,
  );
  if (live) {
    const labels = 'model="churn",version="3",variant="stable"';
    lines.push(
      `modelship_live_accuracy{${labels}} ${live.accuracy}`,
      `modelship_live_roc_auc{${labels}} ${live.auc}`,
      `modelship_live_labelled_rows{${labels}} ${live.rows}`,
      'modelship_live_accuracy{model="churn",version="4",variant="canary"} 0.1',
      'modelship_live_labelled_rows{model="churn",version="4",variant="canary"} 50',
    );
  }
  return `${lines.join('\n')}\n`;
}

function inputs(overrides: Partial<TriggerInputs> = {}): TriggerInputs {
  return {
    model: 'churn',
    task: 'binary',
    now: new Date('2025-03-01T00:00:00Z'),
    metrics: null,
    production: { version: 3, registeredAt: '2025-02-20T00:00:00Z' },
    newLabelledRows: 0,
    liveFromFeedback: null,
    ...overrides,
  };
}

describe('driftTrigger', () => {
  it.each([
    {
      name: 'fires when a feature PSI is above max_psi',
      text: scrape({ tenure_months: 0.31, region: 0.05 }, 800),
      fired: true,
      value: 0.31,
      reason: /PSI above 0.2 for tenure_months/,
    },
    {
      name: 'stays quiet when every PSI is at or under max_psi',
      text: scrape({ tenure_months: 0.2, region: 0.05 }, 800),
      fired: false,
      value: 0.2,
      reason: /highest PSI 0.2 at feature tenure_months \(v3\)/,
    },
    {
      name: 'is inconclusive under min_window_rows',
      text: scrape({ tenure_months: 0.9 }, 499),
      fired: false,
      value: 0.9,
      reason: /inconclusive: the drift window holds 499 rows/,
    },
    {
      name: 'reads the production version, not a canary',
      text: scrape({ region: 0.01 }, 800),
      fired: false,
      value: 0.01,
      reason: /v3/,
    },
    {
      name: 'says when the service exports no drift',
      text: 'modelship_http_requests_total{route="/predict",method="POST",status="200"} 5\n',
      fired: false,
      value: null,
      reason: /exports no modelship_feature_drift_psi/,
    },
  ])('$name', ({ text, fired, value, reason }) => {
    const [result] = driftTrigger.evaluate(inputs({ metrics: parsePrometheusText(text) }), params);
    expect(result).toMatchObject({ trigger: 'drift', fired, value, threshold: 0.2 });
    expect(result?.reason).toMatch(reason);
  });

  it('needs service metrics, and is off without a ct.drift section', () => {
    expect(driftTrigger.evaluate(inputs(), params)[0]).toMatchObject({
      fired: false,
      value: null,
      reason: expect.stringMatching(/--service-url/),
    });
    expect(driftTrigger.evaluate(inputs(), parseCtParams({ ct: {} }))).toEqual([]);
  });
});

describe('liveQualityTrigger', () => {
  const fromFeedback = (accuracy: number, rocAuc: number | null, rows: number) => ({
    accuracy,
    rocAuc,
    macroF1: null,
    rmse: null,
    mae: null,
    rows,
    source: 'v3 in the feedback store',
  });
  it.each([
    {
      name: 'fires on live accuracy below min_accuracy',
      metrics: scrape({}, 0, { accuracy: 0.62, auc: 0.8, rows: 400 }),
      feedback: null,
      fired: ['live_accuracy'],
    },
    {
      name: 'fires on live ROC AUC below min_roc_auc',
      metrics: scrape({}, 0, { accuracy: 0.8, auc: 0.7, rows: 400 }),
      feedback: null,
      fired: ['live_roc_auc'],
    },
    {
      name: 'stays quiet when both hold',
      metrics: scrape({}, 0, { accuracy: 0.7, auc: 0.75, rows: 400 }),
      feedback: null,
      fired: [],
    },
    {
      name: 'is inconclusive under min_labelled_rows',
      metrics: scrape({}, 0, { accuracy: 0.1, auc: 0.1, rows: 199 }),
      feedback: null,
      fired: [],
    },
    {
      name: 'falls back to the feedback store without metrics',
      metrics: null,
      feedback: fromFeedback(0.5, 0.9, 300),
      fired: ['live_accuracy'],
    },
    {
      name: 'never fires on an AUC it cannot measure (one class)',
      metrics: null,
      feedback: fromFeedback(0.9, null, 300),
      fired: [],
    },
    { name: 'never fires without labelled predictions', metrics: null, feedback: null, fired: [] },
  ])('$name', ({ metrics, feedback, fired }) => {
    const results = liveQualityTrigger.evaluate(
      inputs({
        metrics: metrics === null ? null : parsePrometheusText(metrics),
        liveFromFeedback: feedback,
      }),
      params,
    );
    expect(results.map((r) => r.trigger)).toEqual(['live_accuracy', 'live_roc_auc']);
    expect(results.filter((r) => r.fired).map((r) => r.trigger)).toEqual(fired);
  });

  it('explains an inconclusive window', () => {
    const [accuracy] = liveQualityTrigger.evaluate(
      inputs({
        metrics: parsePrometheusText(scrape({}, 0, { accuracy: 0.1, auc: 0.1, rows: 199 })),
      }),
      params,
    );
    expect(accuracy?.reason).toBe(
      'inconclusive: 199 labelled rows, fewer than min_labelled_rows 200',
    );
  });
});

describe('liveQualityTrigger per task', () => {
  const taskParams = parseCtParams({
    ct: {
      live: {
        min_accuracy: 0.7,
        min_roc_auc: 0.75,
        min_macro_f1: 0.6,
        max_rmse: 25_000,
        max_mae: 20_000,
        min_labelled_rows: 200,
      },
    },
  });
  const series = 'model="churn",version="3",variant="stable"';
  const gauges = (figures: Record<string, number>) =>
    parsePrometheusText(
      `${Object.entries(figures)
        .map(([name, value]) => `modelship_live_${name}{${series}} ${value}`)
        .join('\n')}\n`,
    );
  const evaluate = (task: TriggerInputs['task'], figures: Record<string, number>) =>
    liveQualityTrigger.evaluate(inputs({ task, metrics: gauges(figures) }), taskParams);
  const byTrigger = (results: ReturnType<typeof evaluate>) =>
    Object.fromEntries(results.map((r) => [r.trigger, r]));

  it('fires on a multiclass macro F1 below min_macro_f1, and says the binary-only AUC does not apply', () => {
    const results = byTrigger(
      evaluate('multiclass', { accuracy: 0.74, macro_f1: 0.52, labelled_rows: 300 }),
    );
    expect(results['live_macro_f1']).toMatchObject({ fired: true, value: 0.52, comparator: '<' });
    expect(results['live_macro_f1']?.reason).toMatch(
      /0\.52 over 300 labelled rows .*, below 0\.6$/,
    );
    expect(results['live_accuracy']).toMatchObject({ fired: false, value: 0.74 });
    expect(results['live_roc_auc']).toMatchObject({
      fired: false,
      value: null,
      reason:
        'ct.live.min_roc_auc does not apply to a multiclass model; remove it from params.yaml',
    });
    expect(results['live_rmse']?.reason).toMatch(/max_rmse does not apply to a multiclass model/);
  });

  it.each([
    { name: 'fires on RMSE above max_rmse', rmse: 31_000, mae: 19_000, fired: ['live_rmse'] },
    { name: 'fires on MAE above max_mae', rmse: 24_000, mae: 21_000, fired: ['live_mae'] },
    { name: 'stays quiet at the limits', rmse: 25_000, mae: 20_000, fired: [] },
  ])('regression: $name', ({ rmse, mae, fired }) => {
    const results = evaluate('regression', { rmse, mae, labelled_rows: 300 });
    expect(results.filter((r) => r.fired).map((r) => r.trigger)).toEqual(fired);
    expect(byTrigger(results)['live_rmse']).toMatchObject({ value: rmse, comparator: '>' });
    expect(byTrigger(results)['live_accuracy']?.reason).toMatch(/does not apply to a regression/);
  });

  it('is inconclusive for regression under min_labelled_rows', () => {
    const results = byTrigger(
      evaluate('regression', { rmse: 90_000, mae: 80_000, labelled_rows: 150 }),
    );
    expect(results['live_rmse']).toMatchObject({
      fired: false,
      value: 90_000,
      reason: 'inconclusive: 150 labelled rows, fewer than min_labelled_rows 200',
    });
  });

  it('falls back to figures from the feedback store for regression', () => {
    const results = liveQualityTrigger.evaluate(
      inputs({
        task: 'regression',
        liveFromFeedback: {
          accuracy: null,
          rocAuc: null,
          macroF1: null,
          rmse: 40_000,
          mae: 10_000,
          rows: 250,
          source: 'v3 in the feedback store',
        },
      }),
      taskParams,
    );
    expect(results.filter((r) => r.fired).map((r) => r.reason)).toEqual([
      '40000 over 250 labelled rows of v3 in the feedback store, above 25000',
    ]);
  });
});

describe('newRowsTrigger', () => {
  it.each([
    [1999, false],
    [2000, true],
    [5000, true],
  ])('with %i new labelled rows fires: %s', (rows, fired) => {
    expect(newRowsTrigger.evaluate(inputs({ newLabelledRows: rows }), params)[0]).toMatchObject({
      fired,
      value: rows,
      threshold: 2000,
    });
  });
});

describe('scheduleTrigger', () => {
  it.each([
    {
      name: 'stays quiet for a model 9 days old',
      registeredAt: '2025-02-20T00:00:00Z',
      fired: false,
    },
    { name: 'fires for a model 31 days old', registeredAt: '2025-01-29T00:00:00Z', fired: true },
    {
      name: 'stays quiet for a model exactly 30 days old',
      registeredAt: '2025-01-30T00:00:00Z',
      fired: false,
    },
  ])('$name', ({ registeredAt, fired }) => {
    expect(
      scheduleTrigger.evaluate(inputs({ production: { version: 3, registeredAt } }), params)[0]
        ?.fired,
    ).toBe(fired);
  });

  it('fires when there is no production model at all', () => {
    expect(scheduleTrigger.evaluate(inputs({ production: null }), params)[0]).toMatchObject({
      fired: true,
      reason: 'no production model: train one',
    });
  });
});

describe('parseCtParams', () => {
  it.each([
    [
      { ct: { drift: { max_psi: '0.2' } } },
      'params.yaml: ct.drift.max_psi must be a number >= 0 or null, got "0.2"',
    ],
    [
      { ct: { live: { min_accuracy: 1.5 } } },
      'params.yaml: ct.live.min_accuracy must be a number in [0, 1] or null, got 1.5',
    ],
    [
      { ct: { rollout: { strategy: 'blue' } } },
      'params.yaml: ct.rollout.strategy must be one of canary, shadow_then_canary, got "blue"',
    ],
    [{ ct: [] }, 'params.yaml: ct must be a mapping of keys, got []'],
    [
      { ct: { live: { min_macro_f1: 2 } } },
      'params.yaml: ct.live.min_macro_f1 must be a number in [0, 1] or null, got 2',
    ],
    [
      { ct: { live: { max_rmse: -1 } } },
      'params.yaml: ct.live.max_rmse must be a number >= 0 or null, got -1',
    ],
  ])('refuses %j', (raw, message) => {
    expect(() => parseCtParams(raw)).toThrow(message);
  });
});
