import type { Metric, OpenMetricsContentType, PrometheusContentType, Registry } from 'prom-client';

/** A series' label values by label name. */
export type SeriesLabels = Readonly<Record<string, string>>;

interface LeanMetricConfig {
  name: string;
  help: string;
  labelNames: readonly string[];
  /** The registries that export it (prom-client's own, aggregated in cluster mode as a sum). */
  registers: Array<Registry<PrometheusContentType> | Registry<OpenMetricsContentType>>;
  /** Runs before each read of the values, as prom-client's `collect`. */
  collect?: () => void;
}

/**
 * What prom-client's metrics give from `get()`, which its registry formats and its cluster mode
 * aggregates (its own type declarations describe it differently).
 */
export interface MetricSnapshot {
  name: string;
  help: string;
  type: 'counter' | 'histogram';
  aggregator: 'sum';
  values: Array<{
    labels: Record<string, string | number>;
    value: number;
    metricName?: string;
  }>;
}

/** One series of a LeanCounter: `inc` is an addition. */
export interface CounterSeries {
  inc(amount?: number): void;
}

/** One series of a LeanHistogram: `observe` is a bucket search and three additions. */
export interface HistogramSeries {
  observe(value: number): void;
}

/**
 * A counter that exports what prom-client's Counter exports (the same `get()`, so the registry's
 * text, OpenMetrics and cluster aggregation read it alike), for the paths that count every
 * request. prom-client builds a key string from the labels and checks them on every `inc`; here
 * a caller binds a series once (`series(labels)`) and each count is an addition. `inc(labels)`
 * remains for the other paths.
 */
export class LeanCounter {
  readonly type = 'counter';
  readonly aggregator = 'sum';
  /** Writable: a registry in the OpenMetrics format drops a counter's `_total` from it. */
  name: string;
  readonly help: string;
  private readonly store: SeriesStore<{ value: number }>;

  constructor(private readonly config: LeanMetricConfig) {
    this.name = config.name;
    this.help = config.help;
    this.store = new SeriesStore(config.labelNames, () => ({ value: 0 }));
    for (const registry of config.registers) registry.registerMetric(asMetric(this));
  }

  series(labels: SeriesLabels): CounterSeries {
    const state = this.store.get(labels);
    return {
      inc: (amount = 1) => {
        checkAmount(amount);
        state.value += amount;
      },
    };
  }

  inc(labels: SeriesLabels, amount = 1): void {
    checkAmount(amount);
    this.store.get(labels).value += amount;
  }

  async get(): Promise<MetricSnapshot> {
    this.config.collect?.();
    const values = this.store
      .entries()
      .map(([labels, { value }]) => ({ labels: { ...labels }, value }));
    return { name: this.name, help: this.help, type: 'counter', values, aggregator: 'sum' };
  }

  /** Zeroes every series (bound series stay bound, and listed at 0). */
  reset(): void {
    for (const [, state] of this.store.entries()) state.value = 0;
  }
}

/**
 * A histogram that exports what prom-client's Histogram exports (`_bucket` with `le` first,
 * cumulative, then `+Inf`, `_sum` and `_count` per series), whose series are bound once by the
 * paths that time every request: an observation is a bucket search and three additions instead
 * of prom-client's label key string, label check and bucket lookup by the bound's text.
 */
export class LeanHistogram {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  readonly name: string;
  readonly help: string;
  private readonly store: SeriesStore<{ counts: Float64Array; sum: number; count: number }>;
  private readonly bounds: Float64Array;

  constructor(private readonly config: LeanMetricConfig & { buckets: readonly number[] }) {
    this.name = config.name;
    this.help = config.help;
    this.bounds = Float64Array.from([...config.buckets].sort((a, b) => a - b));
    const size = this.bounds.length;
    this.store = new SeriesStore(config.labelNames, () => ({
      counts: new Float64Array(size),
      sum: 0,
      count: 0,
    }));
    for (const registry of config.registers) registry.registerMetric(asMetric(this));
  }

  series(labels: SeriesLabels): HistogramSeries {
    const state = this.store.get(labels);
    const bounds = this.bounds;
    return {
      observe: (value) => {
        checkValue(value);
        let index = 0;
        while (index < bounds.length && value > bounds[index]) index++;
        if (index < bounds.length) state.counts[index]++;
        state.sum += value;
        state.count++;
      },
    };
  }

  observe(labels: SeriesLabels, value: number): void {
    this.series(labels).observe(value);
  }

  async get(): Promise<MetricSnapshot> {
    this.config.collect?.();
    const bucket = `${this.name}_bucket`;
    const values: MetricSnapshot['values'] = [];
    for (const [labels, { counts, sum, count }] of this.store.entries()) {
      let cumulative = 0;
      this.bounds.forEach((bound, index) => {
        cumulative += counts[index];
        values.push({ labels: { le: bound, ...labels }, value: cumulative, metricName: bucket });
      });
      values.push({ labels: { le: '+Inf', ...labels }, value: count, metricName: bucket });
      values.push({ labels: { ...labels }, value: sum, metricName: `${this.name}_sum` });
      values.push({ labels: { ...labels }, value: count, metricName: `${this.name}_count` });
    }
    return { name: this.name, help: this.help, type: 'histogram', values, aggregator: 'sum' };
  }

  /** Zeroes every series (bound series stay bound, and listed at 0). */
  reset(): void {
    for (const [, state] of this.store.entries()) {
      state.counts.fill(0);
      state.sum = 0;
      state.count = 0;
    }
  }
}

// --- internal ---

/**
 * Series by their labels, in the order they first appeared (as prom-client lists them). A label
 * name the metric does not declare is refused, as prom-client refuses it.
 */
class SeriesStore<State> {
  private readonly byKey = new Map<string, { labels: SeriesLabels; state: State }>();

  constructor(
    private readonly labelNames: readonly string[],
    private readonly create: () => State,
  ) {
    if (labelNames.length === 0) this.get({});
  }

  get(labels: SeriesLabels): State {
    const key = JSON.stringify(this.labelNames.map((name) => labels[name] ?? null));
    let entry = this.byKey.get(key);
    if (!entry) {
      for (const name of Object.keys(labels)) {
        if (!this.labelNames.includes(name)) {
          throw new Error(
            `Added label "${name}" is not included in initial labelset: ${JSON.stringify(this.labelNames)}`,
          );
        }
      }
      entry = { labels: { ...labels }, state: this.create() };
      this.byKey.set(key, entry);
    }
    return entry.state;
  }

  entries(): Array<[SeriesLabels, State]> {
    return [...this.byKey.values()].map(({ labels, state }) => [labels, state]);
  }
}

// prom-client's registry takes any metric that has a name, a type, `get()` and `reset()`; its
// types name its own classes only.
function asMetric(metric: LeanCounter | LeanHistogram): Metric {
  return metric as unknown as Metric;
}

function checkAmount(amount: number): void {
  if (!Number.isFinite(amount)) throw new TypeError(`Value is not a valid number: ${amount}`);
  if (amount < 0) throw new Error('It is not possible to decrease a counter');
}

function checkValue(value: number): void {
  if (!Number.isFinite(value)) throw new TypeError(`Value is not a valid number: ${value}`);
}
