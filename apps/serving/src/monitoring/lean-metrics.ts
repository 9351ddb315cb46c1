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
 * What both lean metrics share: prom-client's registration, collect hook and `get()` shape, and
 * their series, each bound once by the paths that record every request.
 */
abstract class LeanMetric<State> {
  abstract readonly type: MetricSnapshot['type'];
  readonly aggregator = 'sum';
  /** Writable: a registry in the OpenMetrics format drops a counter's `_total` from it. */
  name: string;
  readonly help: string;
  protected readonly store: SeriesStore<State>;

  private readonly collect: (() => void) | undefined;

  constructor(config: LeanMetricConfig, create: () => State) {
    this.collect = config.collect;
    this.name = config.name;
    this.help = config.help;
    this.store = new SeriesStore(config.labelNames, create);
    // prom-client's registry takes any metric with a name, a type, `get()` and `reset()`; its
    // types name its own classes only.
    for (const registry of config.registers) registry.registerMetric(this as unknown as Metric);
  }

  async get(): Promise<MetricSnapshot> {
    this.collect?.();
    const { name, help, type } = this;
    return { name, help, type, values: this.values(), aggregator: 'sum' };
  }

  /** Zeroes every series (bound series stay bound, and listed at 0). */
  abstract reset(): void;

  protected abstract values(): MetricSnapshot['values'];
}

/**
 * A counter that exports what prom-client's Counter exports (the same `get()`, so the registry's
 * text, OpenMetrics and cluster aggregation read it alike), for the paths that count every
 * request. prom-client builds a key string from the labels and checks them on every `inc`; here
 * a caller binds a series once (`series(labels)`) and each count is an addition. `inc(labels)`
 * remains for the other paths.
 */
export class LeanCounter extends LeanMetric<{ value: number }> {
  readonly type = 'counter';

  constructor(config: LeanMetricConfig) {
    super(config, () => ({ value: 0 }));
  }

  series(labels: SeriesLabels): CounterSeries {
    const state = this.store.get(labels);
    return { inc: (amount = 1) => addTo(state, amount) };
  }

  inc(labels: SeriesLabels, amount = 1): void {
    addTo(this.store.get(labels), amount);
  }

  reset(): void {
    for (const [, state] of this.store.entries()) state.value = 0;
  }

  protected values(): MetricSnapshot['values'] {
    return this.store.entries().map(([labels, { value }]) => ({ labels: { ...labels }, value }));
  }
}

interface HistogramState {
  counts: Float64Array;
  sum: number;
  count: number;
}

/**
 * A histogram that exports what prom-client's Histogram exports (`_bucket` with `le` first,
 * cumulative, then `+Inf`, `_sum` and `_count` per series), whose series are bound once by the
 * paths that time every request: an observation is a bucket search and three additions instead
 * of prom-client's label key string, label check and bucket lookup by the bound's text.
 */
export class LeanHistogram extends LeanMetric<HistogramState> {
  readonly type = 'histogram';
  private readonly bounds: Float64Array;

  constructor(config: LeanMetricConfig & { buckets: readonly number[] }) {
    const bounds = Float64Array.from([...config.buckets].sort((a, b) => a - b));
    super(config, () => ({
      counts: new Float64Array(bounds.length),
      sum: 0,
      count: 0,
    }));
    this.bounds = bounds;
  }

  series(labels: SeriesLabels): HistogramSeries {
    const state = this.store.get(labels);
    return { observe: (value) => observeInto(state, this.bounds, value) };
  }

  observe(labels: SeriesLabels, value: number): void {
    observeInto(this.store.get(labels), this.bounds, value);
  }

  reset(): void {
    for (const [, state] of this.store.entries()) {
      state.counts.fill(0);
      state.sum = 0;
      state.count = 0;
    }
  }

  protected values(): MetricSnapshot['values'] {
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
    return values;
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

// What prom-client checks on each record: a finite value, and a counter that only grows.
function addTo(state: { value: number }, amount: number): void {
  if (!Number.isFinite(amount)) throw new TypeError(`Value is not a valid number: ${amount}`);
  if (amount < 0) throw new Error('It is not possible to decrease a counter');
  state.value += amount;
}

// The first bound at or above the value (none: only `+Inf` counts it), the sum and the count.
function observeInto(state: HistogramState, bounds: Float64Array, value: number): void {
  if (!Number.isFinite(value)) throw new TypeError(`Value is not a valid number: ${value}`);
  let index = 0;
  while (index < bounds.length && value > bounds[index]) index++;
  if (index < bounds.length) state.counts[index]++;
  state.sum += value;
  state.count++;
}
