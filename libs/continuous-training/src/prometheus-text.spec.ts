import { parsePrometheusText, selectSamples } from './prometheus-text.js';

// A scrape as prom-client writes it: HELP and TYPE lines, labels, a histogram, NaN and +Inf.
const SCRAPE = `# HELP modelship_feature_drift_psi Population stability index of each feature.
# TYPE modelship_feature_drift_psi gauge
modelship_feature_drift_psi{model="churn",version="3",feature="tenure_months"} 0.31
modelship_feature_drift_psi{model="churn",version="3",feature="region"} 0.02
# HELP modelship_inference_duration_seconds Time inside onnxruntime's run, per batch.
# TYPE modelship_inference_duration_seconds histogram
modelship_inference_duration_seconds_bucket{le="0.005",model="churn",version="3",variant="stable"} 12
modelship_inference_duration_seconds_bucket{le="+Inf",model="churn",version="3",variant="stable"} 14
modelship_inference_duration_seconds_sum{model="churn",version="3",variant="stable"} 0.0421
process_start_time_seconds 1732300000
modelship_live_roc_auc{model="churn",version="3",variant="stable"} NaN
`;

describe('parsePrometheusText', () => {
  it('reads every sample of a scrape with its labels and skips comments', () => {
    const samples = parsePrometheusText(SCRAPE);
    expect(samples).toHaveLength(7);
    expect(samples[0]).toEqual({
      name: 'modelship_feature_drift_psi',
      labels: { model: 'churn', version: '3', feature: 'tenure_months' },
      value: 0.31,
    });
    expect(samples[3]?.labels['le']).toBe('+Inf');
    expect(samples[5]).toEqual({
      name: 'process_start_time_seconds',
      labels: {},
      value: 1732300000,
    });
    expect(samples[6]?.value).toBeNaN();
  });

  it.each([
    ['an escaped quote, backslash and newline', 'm{a="x\\"y\\\\z\\nw"} 1', { a: 'x"y\\z\nw' }, 1],
    ['a timestamp after the value', 'm{a="1"} 2.5 1732300000000', { a: '1' }, 2.5],
    ['a trailing comma in the labels', 'm{a="1",} 3', { a: '1' }, 3],
    ['spaces around labels', 'm{ a = "1" , b="2" } 4', { a: '1', b: '2' }, 4],
    ['scientific notation', 'm 1.5e-3', {}, 0.0015],
    ['negative infinity', 'm -Inf', {}, Number.NEGATIVE_INFINITY],
    ['a comma and braces inside a label value', 'm{a="x,}{y"} 5', { a: 'x,}{y' }, 5],
  ])('reads %s', (_case, line, labels, value) => {
    expect(parsePrometheusText(line)).toEqual([{ name: 'm', labels, value }]);
  });

  it.each([
    [
      'a value that is not a number',
      'm{a="1"} fast',
      /line 1|metrics:1: value "fast" is not a number/,
    ],
    ['an unclosed label value', 'm{a="1} 2', /label a's value is not closed/],
    ['a missing value', 'm{a="1"}', /no value/],
    ['a label without a quoted value', 'm{a=1} 2', /label a has no ="value"/],
    ['text after the timestamp', 'm 1 2 3', /unexpected text after the value/],
  ])('refuses %s, naming the line', (_case, line, message) => {
    expect(() => parsePrometheusText(`# ok\n${line}`, 'scrape.txt')).toThrow(
      expect.objectContaining({
        code: 'E_CT_METRICS',
        message: expect.stringMatching(/^scrape\.txt:2: /),
      }),
    );
    expect(() => parsePrometheusText(line)).toThrow(message);
  });
});

describe('selectSamples', () => {
  it('keeps the samples of one metric that carry every given label', () => {
    const samples = parsePrometheusText(SCRAPE);
    expect(
      selectSamples(samples, 'modelship_feature_drift_psi', { feature: 'region' }).map(
        (s) => s.value,
      ),
    ).toEqual([0.02]);
    expect(selectSamples(samples, 'modelship_feature_drift_psi', { model: 'other' })).toEqual([]);
  });
});
