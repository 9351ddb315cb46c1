/**
 * A set of strings that stores only a 64-bit hash of each (8 bytes a value, about 16 MB for a
 * million values), for the uniqueness checks that are the one part of validation whose memory
 * grows with the file. The trade-off: two different strings with the same 64-bit hash are
 * reported as a duplicate, with odds near n² / 2⁶⁵ (about 3 in 100 million at 1M values).
 */
export class CompactHashSet {
  private high: Uint32Array;
  private low: Uint32Array;
  private mask: number;
  size = 0;

  constructor(initialCapacity = 1024) {
    let capacity = 16;
    while (capacity < initialCapacity * 2) capacity *= 2;
    this.high = new Uint32Array(capacity);
    this.low = new Uint32Array(capacity);
    this.mask = capacity - 1;
  }

  /** Adds the value; returns false when it (or its hash) was already there. */
  add(value: string): boolean {
    let h1 = 0xdeadbeef;
    let h2 = 0x41c6ce57;
    for (let i = 0; i < value.length; i++) {
      const code = value.charCodeAt(i);
      h1 = Math.imul(h1 ^ code, 2654435761);
      h2 = Math.imul(h2 ^ code, 1597334677);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return this.insert(h1 >>> 0, (h2 | 1) >>> 0);
  }

  private insert(high: number, low: number): boolean {
    let slot = (high ^ low) & this.mask;
    while (this.low[slot] !== 0) {
      if (this.high[slot] === high && this.low[slot] === low) return false;
      slot = (slot + 1) & this.mask;
    }
    this.high[slot] = high;
    this.low[slot] = low;
    this.size += 1;
    if (this.size * 2 > this.mask) this.grow();
    return true;
  }

  private grow(): void {
    const { high, low } = this;
    this.high = new Uint32Array(high.length * 2);
    this.low = new Uint32Array(low.length * 2);
    this.mask = this.high.length - 1;
    this.size = 0;
    for (let slot = 0; slot < high.length; slot++)
      if (low[slot] !== 0) this.insert(high[slot], low[slot]);
  }
}
