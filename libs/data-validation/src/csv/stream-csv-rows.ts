import type { CsvBatch, CsvStreamOptions } from './stream-csv-batches.js';
import { streamCsvBatches } from './stream-csv-batches.js';

/** One data row: values by header name, and the line of the file the row starts on. */
export interface CsvRecord {
  values: Record<string, string>;
  /** 1-based physical line of the row's first line (quoted fields may span lines). */
  line: number;
}

function toRecord(batch: CsvBatch, index: number): CsvRecord {
  const { header } = batch;
  const row = batch.rows[index];
  const values: Record<string, string> = {};
  for (let column = 0; column < header.length; column++) values[header[column]] = row[column];
  return { values, line: batch.lines[index] };
}

/**
 * Streams a CSV file row by row with constant memory (papaparse over a Node read stream; the
 * file is read only as fast as you iterate). Blank lines are skipped.
 * @throws CsvError for an empty file, a missing or bad header, ragged rows, bad quoting or
 *   invalid UTF-8, naming the line.
 * @example
 * for await (const { values, line } of streamCsvRows('data/churn.csv')) console.log(line, values);
 */
export function streamCsvRows(
  path: string,
  options: CsvStreamOptions = {},
): AsyncIterableIterator<CsvRecord> {
  const batches = streamCsvBatches(path, options);
  let batch: CsvBatch | undefined;
  let index = 0;
  // A hand-written iterator rather than an async generator: rows of a parsed batch are handed
  // out without a generator resume each, which nearly doubles row-by-row throughput.
  const iterator: AsyncIterableIterator<CsvRecord> = {
    async next() {
      while (!batch || index >= batch.rows.length) {
        const result = await batches.next();
        if (result.done) return { done: true, value: undefined };
        batch = result.value;
        index = 0;
      }
      return { done: false, value: toRecord(batch, index++) };
    },
    async return() {
      await batches.return(undefined);
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
