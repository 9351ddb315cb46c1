import type { SampleOptions } from './churn-row.js';
import type { SampleResult } from './generate-churn-csv.js';
import { generateChurnCsv } from './generate-churn-csv.js';

/** Writes a sample dataset as CSV at `path`. */
export type SampleGenerator = (path: string, options: SampleOptions) => Promise<SampleResult>;

/** The generators `params.yaml` can name in `data.sample.generator`. */
export const sampleGenerators: Readonly<Record<string, SampleGenerator>> = {
  churn: generateChurnCsv,
};
