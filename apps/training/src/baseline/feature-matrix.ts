/** A dense row-major matrix of transformed features (what a tfjs tensor's dataSync() gives). */
export interface FeatureMatrix {
  rows: number;
  columns: number;
  /** rows * columns values, row after row. */
  values: ArrayLike<number>;
}

/** Wraps an array of equal-length rows as a FeatureMatrix. */
export function toFeatureMatrix(rows: readonly (readonly number[])[]): FeatureMatrix {
  const columns = rows[0]?.length ?? 0;
  const values = new Float64Array(rows.length * columns);
  rows.forEach((row, r) => {
    if (row.length !== columns) {
      throw new RangeError(`Row ${r} has ${row.length} values; expected ${columns} like row 0.`);
    }
    values.set(row, r * columns);
  });
  return { rows: rows.length, columns, values };
}

/** Throws when `values` does not hold rows * columns numbers. */
export function assertFeatureMatrix(matrix: FeatureMatrix, what: string): void {
  if (matrix.values.length !== matrix.rows * matrix.columns) {
    throw new RangeError(
      `${what}: ${matrix.values.length} values do not make a ${matrix.rows} x ${matrix.columns} matrix.`,
    );
  }
}
