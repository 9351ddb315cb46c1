import { INVALID, parseDatetime, parseNumber } from '../schema/cell-parsers.js';
import { DEFAULT_BOOLEAN_VALUES } from '../schema/schema-defaults.js';
import { CompactHashSet } from '../validate/compact-hash-set.js';

const BOOLEAN_TEXTS = new Set<string>([
  ...DEFAULT_BOOLEAN_VALUES.true,
  ...DEFAULT_BOOLEAN_VALUES.false,
]);

/** What one pass learns about a column: which types fit every value, range, distinct values. */
export class ColumnProfile {
  rows = 0;
  missing = 0;
  integer = true;
  number = true;
  boolean = true;
  datetime = true;
  min = Infinity;
  max = -Infinity;
  /** Distinct values with counts, until there are more than `maxDistinct`. */
  distinct: Map<string, number> | undefined = new Map();
  /** Hashes of every value while they are all distinct; dropped at the first repeat. */
  private seen: CompactHashSet | undefined = new CompactHashSet();

  constructor(private readonly maxDistinct: number) {}

  get unique(): boolean {
    return this.seen !== undefined && this.rows - this.missing > 1;
  }

  addMissing(): void {
    this.rows += 1;
    this.missing += 1;
  }

  add(raw: string): void {
    this.rows += 1;
    if (this.number) this.addNumber(raw);
    if (this.boolean) this.boolean = BOOLEAN_TEXTS.has(raw.toLowerCase());
    if (this.datetime) this.datetime = parseDatetime(raw) !== INVALID;
    if (this.seen && !this.seen.add(raw)) this.seen = undefined;
    if (this.distinct) {
      this.distinct.set(raw, (this.distinct.get(raw) ?? 0) + 1);
      if (this.distinct.size > this.maxDistinct) this.distinct = undefined;
    }
  }

  private addNumber(raw: string): void {
    const value = parseNumber(raw);
    if (value === INVALID) {
      this.number = false;
      this.integer = false;
      return;
    }
    if (this.integer && !Number.isInteger(value)) this.integer = false;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
  }
}
