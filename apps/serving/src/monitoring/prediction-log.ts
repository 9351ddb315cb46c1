/** A served prediction, kept until its label arrives or it is evicted. */
export interface LoggedPrediction {
  id: string;
  model: string;
  version: string;
  variant: string;
  /** Epoch milliseconds. */
  at: number;
  probability: number;
  predicted: 0 | 1;
  /** The raw features as received (the parsed request object, kept by reference); null for tensor input. */
  features: Readonly<Record<string, unknown>> | null;
  /** Set once feedback joined it, so a repeated label is a duplicate. */
  labelled: boolean;
}

/**
 * The last `capacity` predictions by id, in arrival order: adding past the capacity evicts the
 * oldest, and with a TTL, entries older than it are evicted as new ones arrive and never match.
 * A ring of slots keeps eviction O(1) (a Map's own oldest-first iteration is not, after many
 * deletes). Raw features live here for retraining rows; they are never logged.
 */
export class PredictionLog {
  private readonly byId = new Map<string, LoggedPrediction>();
  private readonly ring: (LoggedPrediction | undefined)[];
  /** Slot of the oldest entry; the next entry goes at (oldest + size) % capacity. */
  private oldest = 0;

  constructor(
    readonly capacity: number,
    readonly ttlMs: number | null = null,
    private readonly now: () => number = Date.now,
  ) {
    this.ring = new Array<LoggedPrediction | undefined>(capacity);
  }

  get size(): number {
    return this.byId.size;
  }

  add(entry: LoggedPrediction): void {
    this.evictExpired();
    if (this.byId.size === this.capacity) this.evictOldest();
    const slot = (this.oldest + this.byId.size) % this.capacity;
    this.ring[slot] = entry;
    this.byId.set(entry.id, entry);
  }

  /** The prediction with this id, unless it was evicted or has expired. */
  get(id: string): LoggedPrediction | undefined {
    const entry = this.byId.get(id);
    if (entry && this.ttlMs !== null && this.now() - entry.at > this.ttlMs) return undefined;
    return entry;
  }

  // --- internal ---

  private evictOldest(): void {
    const entry = this.ring[this.oldest];
    if (entry) this.byId.delete(entry.id);
    this.ring[this.oldest] = undefined;
    this.oldest = (this.oldest + 1) % this.capacity;
  }

  // Entries are in arrival order, so expired ones are the oldest.
  private evictExpired(): void {
    if (this.ttlMs === null) return;
    const limit = this.now() - this.ttlMs;
    while (this.byId.size > 0 && (this.ring[this.oldest]?.at ?? limit) < limit) this.evictOldest();
  }
}
