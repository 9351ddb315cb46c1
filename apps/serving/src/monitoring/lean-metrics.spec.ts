// The lean metrics against prom-client's own, fed the same records: the registry's text (the
// Prometheus and the OpenMetrics format) and cluster mode's aggregation must not tell them apart.
import type { RegistryContentType } from 'prom-client';
import { AggregatorRegistry, Counter, Histogram, Registry } from 'prom-client';
import { LeanCounter, LeanHistogram } from './lean-metrics.js';

const BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const LABEL_NAMES = ['route', 'method', 'status'];

// A fixed pseudo-random sequence: values on and between the bounds, above the last, and 0.
function* records(count: number): Generator<[Record<string, string>, number]> {
  let seed = 7;
  const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  const statuses = ['200', '400', '422', '503'];
  for (let index = 0; index < count; index++) {
    const labels = {
      route: index % 3 === 0 ? '/predict' : '/v2/models/:model/infer',
      method: 'POST',
      status: statuses[Math.floor(next() * statuses.length)],
    };
    const kind = index % 5;
    const value =
      kind === 0 ? BUCKETS[Math.floor(next() * BUCKETS.length)] : kind === 1 ? 0 : next() ** 4 * 20;
    yield [labels, value];
  }
}

function pair(contentType: RegistryContentType = Registry.PROMETHEUS_CONTENT_TYPE) {
  const registry = () => {
    const made = new Registry<RegistryContentType>();
    made.setContentType(contentType);
    return made as Registry;
  };
  const lean = registry();
  const prom = registry();
  const config = {
    name: 'modelship_test_seconds',
    help: 'Test: seconds.',
    labelNames: LABEL_NAMES,
  };
  const counterConfig = {
    name: 'modelship_test_total',
    help: 'Test: a count.',
    labelNames: LABEL_NAMES,
  };
  return {
    lean,
    prom,
    leanHistogram: new LeanHistogram({ ...config, buckets: BUCKETS, registers: [lean] }),
    promHistogram: new Histogram({ ...config, buckets: BUCKETS, registers: [prom] }),
    leanCounter: new LeanCounter({ ...counterConfig, registers: [lean] }),
    promCounter: new Counter({ ...counterConfig, registers: [prom] }),
  };
}

// Feeds both: bound series for half the records, the labels call for the rest.
function feed(metrics: ReturnType<typeof pair>, count: number, offset = 0): void {
  let index = 0;
  for (const [labels, value] of records(count + offset)) {
    if (index++ < offset) continue;
    if (index % 2 === 0) {
      metrics.leanHistogram.series(labels).observe(value);
      metrics.leanCounter.series(labels).inc(index % 4 === 0 ? 3 : undefined);
    } else {
      metrics.leanHistogram.observe(labels, value);
      metrics.leanCounter.inc(labels, index % 4 === 0 ? 3 : 1);
    }
    metrics.promHistogram.observe(labels, value);
    metrics.promCounter.inc(labels, index % 4 === 0 ? 3 : 1);
  }
}

describe('lean metrics', () => {
  it("export exactly prom-client's text for the same records", async () => {
    const metrics = pair();
    feed(metrics, 5000);
    const text = await metrics.lean.metrics();
    expect(text).toBe(await metrics.prom.metrics());
    expect(text).toContain('modelship_test_seconds_bucket{le="0.0005",route="/predict"');
    expect(text).toMatch(
      /modelship_test_total\{route="\/predict",method="POST",status="200"\} \d+/,
    );
  });

  it('and in the OpenMetrics format', async () => {
    const metrics = pair(Registry.OPENMETRICS_CONTENT_TYPE);
    feed(metrics, 500);
    expect(await metrics.lean.metrics()).toBe(await metrics.prom.metrics());
  });

  it('aggregate across processes as prom-client does (cluster mode)', async () => {
    const first = pair();
    const second = pair();
    feed(first, 3000);
    feed(second, 2000, 3000);
    const aggregate = async (key: 'lean' | 'prom') =>
      AggregatorRegistry.aggregate([
        await first[key].getMetricsAsJSON(),
        await second[key].getMetricsAsJSON(),
      ]).metrics();
    const lean = await aggregate('lean');
    expect(lean).toBe(await aggregate('prom'));
    expect(lean).toContain('modelship_test_seconds_count');
  });

  it('run their collect hook before every read, as prom-client does', async () => {
    const registry = new Registry();
    let collected = 0;
    const counter = new LeanCounter({
      name: 'modelship_collected_total',
      help: 'Test.',
      labelNames: [],
      registers: [registry],
      collect: () => {
        collected++;
        counter.inc({}, 2);
      },
    });
    expect(await registry.metrics()).toContain('modelship_collected_total 2');
    expect(collected).toBe(1);
  });

  it('refuse what prom-client refuses: an undeclared label, a non-finite value, a decrease', () => {
    const { leanHistogram, leanCounter } = pair();
    expect(() => leanHistogram.observe({ route: '/predict', user: 'x' }, 1)).toThrow(
      'Added label "user" is not included in initial labelset',
    );
    expect(() => leanHistogram.observe({ route: '/predict' }, Number.NaN)).toThrow(TypeError);
    expect(() => leanCounter.series({ route: '/predict' }).inc(-1)).toThrow(
      'not possible to decrease',
    );
    expect(() => leanCounter.inc({ route: '/predict' }, Number.POSITIVE_INFINITY)).toThrow(
      TypeError,
    );
  });

  it('reset to zero, and bound series keep counting', async () => {
    const metrics = pair();
    const series = metrics.leanHistogram.series({
      route: '/predict',
      method: 'POST',
      status: '200',
    });
    series.observe(0.002);
    metrics.leanHistogram.reset();
    series.observe(0.02);
    const text = await metrics.lean.metrics();
    expect(text).toContain(
      'modelship_test_seconds_bucket{le="0.01",route="/predict",method="POST",status="200"} 0',
    );
    expect(text).toContain(
      'modelship_test_seconds_sum{route="/predict",method="POST",status="200"} 0.02',
    );
    expect(text).toContain(
      'modelship_test_seconds_count{route="/predict",method="POST",status="200"} 1',
    );
  });
});
