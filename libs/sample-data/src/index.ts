export type { ChurnRow } from './churn-columns.js';
export { CHURN_COLUMNS } from './churn-columns.js';
export type { SampleOptions } from './churn-row.js';
export { formatChurnHeader, formatChurnRow, generateChurnRows } from './churn-row.js';
export type { SampleResult } from './generate-churn-csv.js';
export { generateChurnCsv } from './generate-churn-csv.js';
export type { SampleGenerator } from './sample-generators.js';
export { sampleGenerators } from './sample-generators.js';
