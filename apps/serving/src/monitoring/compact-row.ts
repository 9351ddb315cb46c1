/**
 * A logged row's raw features without a key object per row: the column names are one array
 * shared by every row of a model, known categories are the schema's own interned strings, and
 * `bytes` is an upper estimate of what the row keeps alive (the prediction log's budget).
 */
export class CompactRow {
  /** `values` becomes the row's own: the prediction log may refill it in place (`moveInto`). */
  constructor(
    readonly columns: readonly string[],
    private values: unknown[],
    private byteEstimate: number,
  ) {}

  /** An upper estimate of the heap this row keeps alive (the prediction log's budget). */
  get bytes(): number {
    return this.byteEstimate;
  }

  /**
   * This row's values written into `target`, an evicted row of the same columns that the caller
   * owns, and `target` returned; else this row. A long-lived row then takes the new values, and
   * this one (just built for a request) dies young instead of surviving a collection.
   */
  moveInto(target: CompactRow): CompactRow {
    if (target.columns !== this.columns || target.values.length !== this.values.length) return this;
    for (let index = 0; index < this.values.length; index++) {
      target.values[index] = this.values[index];
    }
    target.byteEstimate = this.byteEstimate;
    return target;
  }

  /** Packs a plain row (its keys become the columns, counted in its bytes). */
  static fromRecord(record: Readonly<Record<string, unknown>>): CompactRow {
    const columns = Object.keys(record);
    const values = columns.map((column) => record[column]);
    const keyBytes = columns.reduce((sum, column) => sum + SLOT_BYTES + stringBytes(column), 0);
    return new CompactRow(columns, values, keyBytes + estimateValueBytes(values, new Map()));
  }

  /** The row as the feedback store records it: `{column: value}`, absent values left out. */
  toRecord(): Record<string, unknown> {
    const record: Record<string, unknown> = {};
    this.columns.forEach((column, index) => {
      const value = this.values[index];
      if (value !== undefined) record[column] = value;
    });
    return record;
  }
}

/** Bytes of one array slot plus a boxed number: the most a scalar costs beside a string's body. */
const SLOT_BYTES = 24;

/** Upper estimate of a string's heap size: header plus two bytes a character (two-byte strings). */
export function stringBytes(text: string): number {
  return 16 + 2 * text.length;
}

/**
 * A row's own objects beside its values: the CompactRow and its values array (headers and the
 * array's spare capacity). Measured on Node 20: 56-86 bytes (1 to 40 columns); rounded up.
 */
const ROW_BYTES = 96;

/**
 * Bytes of a row: its own objects and its values; strings found in `shared` (interned categories)
 * cost only their slot.
 */
export function estimateValueBytes(
  values: readonly unknown[],
  shared: ReadonlyMap<string, string>,
): number {
  let bytes = ROW_BYTES;
  for (const value of values) {
    bytes += SLOT_BYTES;
    if (typeof value === 'string' && shared.get(value) !== value) bytes += stringBytes(value);
  }
  return bytes;
}
