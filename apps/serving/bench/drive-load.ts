import autocannon from 'autocannon';

export interface LoadOptions {
  url: string;
  body: string;
  connections: number;
  seconds: number;
  /** Requests per second across all connections; unset: as fast as the server answers. */
  overallRate?: number;
}

/** What one autocannon run measured. Latencies in ms, from every 2xx response. */
export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  /** Non-2xx answers, errors and timeouts: a benchmark with any is not comparable. */
  failures: number;
}

/**
 * Drives single-row POSTs at a URL with autocannon's programmatic API. Latency percentiles are
 * computed here from each response's time (autocannon's own histogram rounds to whole ms).
 */
export async function driveLoad(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const instance = autocannon({
    url: options.url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: options.body,
    connections: options.connections,
    duration: options.seconds,
    ...(options.overallRate ? { overallRate: options.overallRate } : {}),
  });
  instance.on('response', (_client, statusCode: number, _bytes, responseTime: number) => {
    if (statusCode < 300) latencies.push(responseTime);
  });
  const result = await instance;
  latencies.sort((a, b) => a - b);
  const at = (q: number): number =>
    latencies.length === 0
      ? Number.NaN
      : latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return {
    rps: latencies.length / options.seconds,
    p50: at(0.5),
    p99: at(0.99),
    failures: result.non2xx + result.errors + result.timeouts,
  };
}
