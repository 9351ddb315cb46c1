import { streamCsvBatches } from '../csv/stream-csv-batches.js';
import type { DatasetSchema } from '../schema/dataset-schema.js';
import type { ReferenceStatsOptions } from './compute-reference-stats.js';
import { computeReferenceStats } from './compute-reference-stats.js';
import type { DriftReport } from './compute-drift.js';
import { computeDrift } from './compute-drift.js';
import { DriftAccumulator } from './drift-accumulator.js';
import type { DriftThresholds } from './drift-thresholds.js';

/** Counts a CSV file on the reference's bins. */
export async function accumulateCsv(
  file: string,
  accumulator: DriftAccumulator,
): Promise<DriftAccumulator> {
  const names = accumulator.reference.features.map((feature) => feature.name);
  for await (const batch of streamCsvBatches(file, {
    expectedColumns: names,
    allowExtraColumns: true,
  })) {
    const indexes = names.map((name) => batch.header.indexOf(name));
    for (const row of batch.rows) {
      const record: Record<string, string> = {};
      for (let i = 0; i < names.length; i++) record[names[i]] = row[indexes[i]];
      accumulator.add(record);
    }
  }
  return accumulator;
}

/** Drift of one CSV file against another (the reference), for `modelship drift`. */
export async function driftBetweenCsvs(
  referenceFile: string,
  currentFile: string,
  schema: DatasetSchema,
  options: ReferenceStatsOptions & { thresholds?: Partial<DriftThresholds> } = {},
): Promise<DriftReport> {
  const reference = await computeReferenceStats(referenceFile, schema, options);
  const accumulator = await accumulateCsv(currentFile, new DriftAccumulator(reference));
  return computeDrift(reference, accumulator, options.thresholds);
}
