import type { ReferenceStats } from '@modelship/data-validation';
import { DriftAccumulator } from '@modelship/data-validation';

/**
 * A sliding window of the last `size` rows on a reference's bins, as a ring of `slices`
 * sub-accumulators: rows go to the newest slice; when it is full the oldest slice is cleared
 * and reused. `snapshot()` merges them, so the window holds between size - size/slices and size
 * rows once traffic has filled it. Adding a row costs one DriftAccumulator.add.
 */
export class DriftWindow {
  private readonly ring: DriftAccumulator[];
  private readonly sliceRows: number;
  private current = 0;

  constructor(
    readonly reference: ReferenceStats,
    readonly size: number,
    slices = 10,
  ) {
    const count = Math.max(1, Math.min(slices, size));
    this.sliceRows = Math.ceil(size / count);
    this.ring = Array.from({ length: count }, () => new DriftAccumulator(reference));
  }

  add(row: Readonly<Record<string, unknown>>): void {
    let slice = this.ring[this.current];
    if (slice.rows >= this.sliceRows) {
      this.current = (this.current + 1) % this.ring.length;
      slice = this.ring[this.current];
      slice.reset();
    }
    slice.add(row);
  }

  /** The window's rows merged into one accumulator, for computeDrift. */
  snapshot(): DriftAccumulator {
    const merged = new DriftAccumulator(this.reference);
    for (const slice of this.ring) merged.merge(slice);
    return merged;
  }
}
