/** One line of a line chart, in data coordinates. */
export interface LineSeries {
  name: string;
  points: readonly (readonly [number, number])[];
  color: string;
  dashed?: boolean;
  /** Draw a dot at each point (for sparse series such as calibration bins). */
  markers?: boolean;
  /** Draw only a small dot at each point and no line: a scatter plot. */
  dotsOnly?: boolean;
}
