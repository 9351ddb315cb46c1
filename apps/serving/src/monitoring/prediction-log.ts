import { CompactRow, stringBytes } from './compact-row.js';
import type { PredictionTarget } from './prediction-target.js';

/**
 * A served prediction, kept until its label arrives or it is evicted. Compact for every task:
 * two numbers (one of them null for regression) and a reference to its version's shared target.
 */
export interface LoggedPrediction {
  id: string;
  model: string;
  version: string;
  variant: string;
  /** Epoch milliseconds. */
  at: number;
  /** The task and classes of the version that predicted (shared by its entries). */
  target: PredictionTarget;
  /**
   * Binary: the positive class's probability. Multiclass: the predicted class's probability.
   * Regression: null.
   */
  probability: number | null;
  /** Classification: the predicted class's index in `target.classes`. Regression: the value. */
  predicted: number;
  /** The raw features as received (validated, all scalars); null for tensor input. */
  features: Readonly<Record<string, unknown>> | null;
  /** Set once feedback joined it, so a repeated label is a duplicate. */
  labelled: boolean;
}

/** What `add` takes: features as a plain row, or already packed by `compactFeatures`. */
export type NewPrediction = Omit<LoggedPrediction, 'features'> & {
  features: Readonly<Record<string, unknown>> | CompactRow | null;
};

interface StoredPrediction extends Omit<LoggedPrediction, 'features'> {
  features: CompactRow | null;
  bytes: number;
}

/**
 * Per entry beside its features and its id's characters: the entry object and its boxed
 * numbers, the id string's header, its Map entry and ring slot, the reference to the shared
 * target. Measured on Node 20 for every task's shape (prediction-log.spec.ts); rounded up.
 */
export const ENTRY_BYTES = 320;

/**
 * The last predictions by id, in arrival order, bounded three ways: at most `capacity` entries,
 * at most `maxBytes` (an upper estimate of the heap they keep alive), and with a TTL, nothing
 * older than it. Adding past a bound evicts the oldest first. A ring of slots keeps eviction
 * O(1) (a Map's own oldest-first iteration is not, after many deletes). Raw features live here
 * for retraining rows, packed (CompactRow); they are never logged.
 */
export class PredictionLog {
  private readonly byId = new Map<string, StoredPrediction>();
  private readonly ring: (StoredPrediction | undefined)[];
  /** Slot of the oldest entry; the next entry goes at (oldest + size) % capacity. */
  private oldest = 0;
  private heldBytes = 0;

  constructor(
    readonly capacity: number,
    readonly ttlMs: number | null = null,
    private readonly now: () => number = Date.now,
    readonly maxBytes = Number.POSITIVE_INFINITY,
  ) {
    this.ring = new Array<StoredPrediction | undefined>(capacity);
  }

  get size(): number {
    return this.byId.size;
  }

  /** The estimated bytes the entries hold; never above `maxBytes`. */
  get bytes(): number {
    return this.heldBytes;
  }

  add(prediction: NewPrediction): void {
    this.evictExpired();
    let features =
      prediction.features === null || prediction.features instanceof CompactRow
        ? prediction.features
        : CompactRow.fromRecord(prediction.features);
    const base = ENTRY_BYTES + stringBytes(prediction.id);
    // A row larger than the whole budget is kept without its features (it still joins a label).
    if (features && base + features.bytes > this.maxBytes) features = null;
    const bytes = base + (features?.bytes ?? 0);
    if (bytes > this.maxBytes) return;
    let evicted: StoredPrediction | undefined;
    while (
      this.byId.size > 0 &&
      (this.byId.size === this.capacity || this.heldBytes + bytes > this.maxBytes)
    ) {
      evicted = this.evictOldest() ?? evicted;
    }
    const entry = evicted
      ? refillEntry(evicted, prediction, features, bytes)
      : storeEntry(prediction, features, bytes);
    const slot = (this.oldest + this.byId.size) % this.capacity;
    this.ring[slot] = entry;
    this.byId.set(entry.id, entry);
    this.heldBytes += bytes;
  }

  /** The prediction with this id (features unpacked), unless it was evicted or has expired. */
  get(id: string): LoggedPrediction | undefined {
    const entry = this.find(id);
    if (!entry) return undefined;
    const { bytes: _bytes, features, ...rest } = entry;
    return { ...rest, features: features?.toRecord() ?? null };
  }

  /** Marks a prediction labelled (or not again, when recording the label failed). */
  setLabelled(id: string, labelled: boolean): void {
    const entry = this.find(id);
    if (entry) entry.labelled = labelled;
  }

  // --- internal ---

  private find(id: string): StoredPrediction | undefined {
    const entry = this.byId.get(id);
    if (entry && this.ttlMs !== null && this.now() - entry.at > this.ttlMs) return undefined;
    return entry;
  }

  // Removes the oldest entry and returns it: nothing else refers to it (`get` hands out copies).
  private evictOldest(): StoredPrediction | undefined {
    const entry = this.ring[this.oldest];
    if (entry) {
      this.byId.delete(entry.id);
      this.heldBytes -= entry.bytes;
    }
    this.ring[this.oldest] = undefined;
    this.oldest = (this.oldest + 1) % this.capacity;
    return entry;
  }

  // Entries are in arrival order, so expired ones are the oldest.
  private evictExpired(): void {
    if (this.ttlMs === null) return;
    const limit = this.now() - this.ttlMs;
    while (this.byId.size > 0 && (this.ring[this.oldest]?.at ?? limit) < limit) this.evictOldest();
  }
}

// --- internal ---

/**
 * The stored entry, built as one object literal so every entry shares one hidden class (a
 * spread copy is a dictionary-mode object, about 500 bytes instead of 130). The id is flattened:
 * an id built by concatenation, as crypto.randomUUID's are, is a tree of cons strings (about
 * 480 bytes) until a character is read, which makes V8 flatten it in place (about 80 bytes).
 */
function storeEntry(
  prediction: NewPrediction,
  features: CompactRow | null,
  bytes: number,
): StoredPrediction {
  prediction.id.charCodeAt(0);
  return {
    id: prediction.id,
    model: prediction.model,
    version: prediction.version,
    variant: prediction.variant,
    at: prediction.at,
    target: prediction.target,
    probability: prediction.probability,
    predicted: prediction.predicted,
    features,
    labelled: prediction.labelled,
    bytes,
  };
}

/**
 * An evicted entry given the new prediction, and its packed features the new row's values when
 * both rows have the same columns. Once the log is full every request evicts one, so the entry
 * and the features array a request built die young, and what outlives the next young collection
 * is mostly the id and the row's boxed numbers. The log's survivors were most of the service's
 * p99 at half load (serving README, Performance).
 */
function refillEntry(
  entry: StoredPrediction,
  prediction: NewPrediction,
  features: CompactRow | null,
  bytes: number,
): StoredPrediction {
  prediction.id.charCodeAt(0);
  entry.id = prediction.id;
  entry.model = prediction.model;
  entry.version = prediction.version;
  entry.variant = prediction.variant;
  entry.at = prediction.at;
  entry.target = prediction.target;
  entry.probability = prediction.probability;
  entry.predicted = prediction.predicted;
  entry.features = features && entry.features ? features.moveInto(entry.features) : features;
  entry.labelled = prediction.labelled;
  entry.bytes = bytes;
  return entry;
}
