export interface Measured<T> {
  value: T;
  seconds: number;
  /** The process's peak resident memory while `work` ran. */
  peakRssMb: number;
  /** How far that peak rose above the resident memory when `work` started. */
  addedRssMb: number;
}

/**
 * Runs `work`, sampling resident memory every 25 ms (and once at the end, since synchronous work
 * blocks the sampler); returns the value, the wall time and the memory figures.
 */
export async function measurePeakMemory<T>(work: () => Promise<T>): Promise<Measured<T>> {
  const start = process.memoryUsage.rss();
  let peak = start;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 25);
  const started = performance.now();
  try {
    const value = await work();
    const seconds = (performance.now() - started) / 1000;
    peak = Math.max(peak, process.memoryUsage.rss());
    return { value, seconds, peakRssMb: toMb(peak), addedRssMb: toMb(peak - start) };
  } finally {
    clearInterval(timer);
  }
}

function toMb(bytes: number): number {
  return Math.round(bytes / 1024 / 1024);
}
