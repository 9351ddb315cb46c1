import { computeRocAuc } from '@modelship/core';

/** Which model version, and in which role, made the labelled predictions. */
export interface PerformanceKey {
  model: string;
  version: string;
  variant: string;
}

/** Live accuracy and ROC AUC of one model version and variant over its feedback window. */
export interface LivePerformanceSummary extends PerformanceKey {
  labelledRows: number;
  positives: number;
  accuracy: number | null;
  /** Null until both labels are in the window. */
  rocAuc: number | null;
}

/**
 * The last `window` labelled predictions per model version and variant, in fixed-size rings.
 * Adding is O(1); accuracy and AUC are computed only when asked (on scrape or summary).
 */
export class LivePerformance {
  private readonly rings = new Map<string, Ring>();

  constructor(
    readonly window: number,
    private readonly maxKeys = 32,
  ) {}

  add(key: PerformanceKey, probability: number, predicted: 0 | 1, label: 0 | 1): void {
    const id = `${key.model}\u0000${key.version}\u0000${key.variant}`;
    let ring = this.rings.get(id);
    if (ring) this.rings.delete(id);
    else ring = createRing(key, this.window);
    // Most recently labelled last, so the least recent key is evicted first.
    this.rings.set(id, ring);
    if (this.rings.size > this.maxKeys) this.rings.delete(this.rings.keys().next().value ?? '');
    ring.probabilities[ring.next] = probability;
    ring.predicted[ring.next] = predicted;
    ring.labels[ring.next] = label;
    ring.next = (ring.next + 1) % this.window;
    ring.filled = Math.min(ring.filled + 1, this.window);
  }

  summarise(): LivePerformanceSummary[] {
    return [...this.rings.values()].map((ring) => {
      const rows = ring.filled;
      const labels = ring.labels.subarray(0, rows);
      let correct = 0;
      let positives = 0;
      for (let i = 0; i < rows; i++) {
        if (ring.predicted[i] === labels[i]) correct++;
        positives += labels[i];
      }
      return {
        ...ring.key,
        labelledRows: rows,
        positives,
        accuracy: rows === 0 ? null : correct / rows,
        rocAuc: computeRocAuc(labels, ring.probabilities.subarray(0, rows)),
      };
    });
  }
}

// --- internal ---

interface Ring {
  key: PerformanceKey;
  probabilities: Float64Array;
  predicted: Uint8Array;
  labels: Uint8Array;
  next: number;
  filled: number;
}

function createRing(key: PerformanceKey, window: number): Ring {
  return {
    key: { ...key },
    probabilities: new Float64Array(window),
    predicted: new Uint8Array(window),
    labels: new Uint8Array(window),
    next: 0,
    filled: 0,
  };
}
