import { decideGate, NO_PRODUCTION_REASON } from './decide-gate.js';
import { formatGateMarkdown, formatGateTable } from './format-gate.js';
import { parseGateParams } from './gate-params.js';

const params = parseGateParams({
  min_roc_auc: 0.75,
  min_pr_auc: 0.45,
  max_log_loss: 0.6,
  metric: 'roc_auc',
  margin: 0.002,
});
const good = { roc_auc: 0.82, pr_auc: 0.6, log_loss: 0.4 };
const production = (roc_auc: number) => ({ name: 'churn', version: 3, metrics: { roc_auc } });

describe('decideGate', () => {
  it.each([
    {
      name: 'passes when every threshold holds and there is no production model',
      metrics: good,
      prod: null,
      passed: true,
    },
    {
      name: 'fails when ROC AUC is under min_roc_auc',
      metrics: { ...good, roc_auc: 0.7 },
      prod: null,
      passed: false,
    },
    {
      name: 'passes when ROC AUC equals min_roc_auc',
      metrics: { ...good, roc_auc: 0.75 },
      prod: null,
      passed: true,
    },
    {
      name: 'fails when PR AUC is under min_pr_auc',
      metrics: { ...good, pr_auc: 0.44 },
      prod: null,
      passed: false,
    },
    {
      name: 'fails when log loss is over max_log_loss',
      metrics: { ...good, log_loss: 0.61 },
      prod: null,
      passed: false,
    },
    {
      name: 'fails when a gated metric is missing',
      metrics: { roc_auc: 0.82, log_loss: 0.4 },
      prod: null,
      passed: false,
    },
    {
      name: 'fails when a gated metric is null (undefined AUC)',
      metrics: { ...good, roc_auc: null },
      prod: null,
      passed: false,
    },
    {
      name: 'fails when equal to production',
      metrics: good,
      prod: production(0.82),
      passed: false,
    },
    {
      name: 'fails when better by less than the margin',
      metrics: good,
      prod: production(0.819),
      passed: false,
    },
    {
      name: 'fails when better by exactly the margin',
      metrics: { ...good, roc_auc: 0.802 },
      prod: production(0.8),
      passed: false,
    },
    {
      name: 'passes when better by more than the margin',
      metrics: good,
      prod: production(0.81),
      passed: true,
    },
    {
      name: 'fails when worse than production',
      metrics: good,
      prod: production(0.9),
      passed: false,
    },
    {
      name: 'fails when production lacks the metric',
      metrics: good,
      prod: { name: 'churn', version: 3, metrics: {} },
      passed: false,
    },
    {
      name: 'fails a threshold even when better than production',
      metrics: { ...good, pr_auc: 0.1 },
      prod: production(0.7),
      passed: false,
    },
  ])('$name', ({ metrics, prod, passed }) => {
    expect(decideGate(metrics, params, prod).passed).toBe(passed);
  });

  it('says when there is no production model', () => {
    const report = decideGate(good, params, null);
    expect(report.reasons.at(-1)).toBe(NO_PRODUCTION_REASON);
    expect(report.comparedTo).toBeNull();
    expect(report.checks).toHaveLength(3);
  });

  it('treats lower as better for log loss comparisons', () => {
    const byLogLoss = parseGateParams({ metric: 'log_loss', margin: 0.01 });
    const prod = { name: 'churn', version: 2, metrics: { log_loss: 0.5 } };
    expect(decideGate({ log_loss: 0.45 }, byLogLoss, prod).passed).toBe(true);
    expect(decideGate({ log_loss: 0.495 }, byLogLoss, prod).passed).toBe(false);
  });

  it('explains every check in its reasons and records what it compared to', () => {
    const report = decideGate({ ...good, pr_auc: 0.4 }, params, production(0.81));
    expect(report.comparedTo).toEqual({
      name: 'churn',
      version: 3,
      metric: 'roc_auc',
      value: 0.81,
    });
    expect(report.reasons).toMatchInlineSnapshot(`
      [
        "min_roc_auc: roc_auc 0.82 >= 0.75: pass",
        "min_pr_auc: pr_auc 0.4 >= 0.45: FAIL",
        "max_log_loss: log_loss 0.4 <= 0.6: pass",
        "better than production: roc_auc 0.82 vs production churn v3 0.81 (+0.01; must improve by more than 0.002): pass",
      ]
    `);
  });

  it('prints a table of every check', () => {
    const report = decideGate({ ...good, pr_auc: 0.4 }, params, production(0.81));
    expect(formatGateTable(report)).toMatchInlineSnapshot(`
      "Check                   Metric    Required  Actual  Result
      ----------------------  --------  --------  ------  ------
      min_roc_auc             roc_auc   >= 0.75   0.82    pass
      min_pr_auc              pr_auc    >= 0.45   0.4     FAIL
      max_log_loss            log_loss  <= 0.6    0.4     pass
      better than production  roc_auc   > 0.812   0.82    pass

      Gate: FAILED"
    `);
    expect(formatGateMarkdown(decideGate(good, params, null))).toMatchInlineSnapshot(`
      "**PASSED**

      | Check | Metric | Required | Actual | Result |
      | --- | --- | ---: | ---: | --- |
      | min_roc_auc | roc_auc | >= 0.75 | 0.82 | pass |
      | min_pr_auc | pr_auc | >= 0.45 | 0.6 | pass |
      | max_log_loss | log_loss | <= 0.6 | 0.4 | pass |

      - min_roc_auc: roc_auc 0.82 >= 0.75: pass
      - min_pr_auc: pr_auc 0.6 >= 0.45: pass
      - max_log_loss: log_loss 0.4 <= 0.6: pass
      - no production model: threshold checks only"
    `);
  });
});

describe('parseGateParams', () => {
  it('turns min_ and max_ keys into thresholds', () => {
    expect(
      parseGateParams({ min_recall: 0.5, max_brier: 0.2, metric: 'pr_auc', margin: 0 }),
    ).toEqual({
      thresholds: [
        { key: 'min_recall', metric: 'recall', bound: 'min', value: 0.5 },
        { key: 'max_brier', metric: 'brier', bound: 'max', value: 0.2 },
      ],
      metric: 'pr_auc',
      margin: 0,
    });
  });

  it.each([
    [{ minimum_auc: 0.7, metric: 'roc_auc', margin: 0 }],
    [{ min_roc_auc: '0.7', metric: 'roc_auc', margin: 0 }],
    [{ metric: '', margin: 0 }],
    [{ metric: 'roc_auc', margin: -0.1 }],
  ])('refuses %j', (raw) => {
    expect(() => parseGateParams(raw)).toThrow(expect.objectContaining({ code: 'E_PARAMS' }));
  });

  it('explains an unknown key', () => {
    expect(() =>
      parseGateParams({ minimum_auc: 0.7, metric: 'roc_auc', margin: 0 }),
    ).toThrowErrorMatchingInlineSnapshot(
      `"params.yaml: unknown key gate.minimum_auc; use metric, margin or min_<metric>, max_<metric>"`,
    );
  });
});
