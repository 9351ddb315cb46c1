import type { RawRow } from './slices.js';
import { DEFAULT_MISSING_VALUES, groupSliceRows } from './slices.js';

/** A regression model's error on the rows of one slice value, in the target's units. */
export interface RegressionSliceMetrics {
  value: string;
  count: number;
  mae: number;
  rmse: number;
}

/**
 * MAE and RMSE per value of each slice column (the same slices as the binary card: categorical
 * and boolean features), largest slice first. Rows, actual and predicted values are in test order.
 */
export function computeRegressionSliceMetrics(
  rows: readonly RawRow[],
  actual: ArrayLike<number>,
  predicted: ArrayLike<number>,
  columns: readonly string[],
  missingValues: readonly string[] = DEFAULT_MISSING_VALUES,
): Record<string, RegressionSliceMetrics[]> {
  return Object.fromEntries(
    columns.map((column) => [
      column,
      groupSliceRows(rows, column, missingValues).map(([value, members]) => {
        let absolute = 0;
        let squared = 0;
        for (const i of members) {
          const error = (actual[i] ?? 0) - (predicted[i] ?? 0);
          absolute += Math.abs(error);
          squared += error * error;
        }
        return { value, count: members.length, mae: absolute / members.length, rmse: Math.sqrt(squared / members.length) };
      }),
    ]),
  );
}
