import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { TextDecoder } from 'node:util';
import type { CsvBatch } from './_csv-chunk-parser.js';
import { CsvChunkParser } from './_csv-chunk-parser.js';
import { CsvError } from './csv-error.js';
import { checkLeadingBytes, locateEncodingError } from './_locate-encoding-error.js';

export type { CsvBatch } from './_csv-chunk-parser.js';

export interface CsvStreamOptions {
  /** Field delimiter. @default "," */
  delimiter?: string;
  /** Columns the header must hold (any order). A missing one fails with E_CSV_HEADER_MISMATCH. */
  expectedColumns?: readonly string[];
  /** Accept header columns that are not in `expectedColumns`. @default false */
  allowExtraColumns?: boolean;
  /** Bytes read from disk at a time. @default 65536 */
  chunkBytes?: number;
  /** Longest row accepted, so an unterminated quote cannot buffer the whole file. @default 1048576 */
  maxRowChars?: number;
}

async function checkReadable(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch (error) {
    throw new CsvError({
      code: 'E_CSV_READ',
      file,
      problem: `cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      fix: 'check the path; data files are fetched with `dvc pull` or made with `modelship data prepare`',
      cause: error,
    });
  }
}

function decode(decoder: TextDecoder, chunk: Buffer | undefined): string {
  return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
}

/**
 * Streams a CSV file as batches of rows (string arrays in header order) with their line
 * numbers. This is the fast path under `streamCsvRows` and `validateDataset`: one read stream,
 * pulled only as fast as the consumer iterates, so memory stays flat whatever the file size.
 * @throws CsvError for every malformed input (see `CsvErrorCode`).
 */
export async function* streamCsvBatches(
  file: string,
  options: CsvStreamOptions = {},
): AsyncGenerator<CsvBatch> {
  const size = await checkReadable(file);
  if (size === 0) {
    throw new CsvError({
      code: 'E_CSV_EMPTY',
      file,
      problem: 'the file is empty',
      fix: 'write a header row and at least one data row',
    });
  }
  const parser = new CsvChunkParser({
    file,
    delimiter: options.delimiter ?? ',',
    expectedColumns: options.expectedColumns,
    allowExtraColumns: options.allowExtraColumns ?? false,
    maxRowChars: options.maxRowChars ?? 1 << 20,
  });
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const stream = createReadStream(file, { highWaterMark: options.chunkBytes ?? 1 << 16 });
  let first = true;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (first) checkLeadingBytes(file, chunk);
      first = false;
      const batch = parser.push(await decodeOrLocate(file, decoder, chunk), false);
      if (batch) yield batch;
    }
    const batch = parser.push(await decodeOrLocate(file, decoder, undefined), true);
    if (!parser.header) {
      throw new CsvError({
        code: 'E_CSV_NO_HEADER',
        file,
        problem: 'the file holds only blank lines: there is no header row',
        fix: 'write a header row and at least one data row',
      });
    }
    if (batch) yield batch;
  } finally {
    stream.destroy();
  }
}

async function decodeOrLocate(
  file: string,
  decoder: TextDecoder,
  chunk: Buffer | undefined,
): Promise<string> {
  try {
    return decode(decoder, chunk);
  } catch (error) {
    throw await locateEncodingError(file, error);
  }
}

/** Reads only the header row of a CSV file (stops reading as soon as it is parsed). */
export async function readCsvHeader(
  file: string,
  options: CsvStreamOptions = {},
): Promise<string[]> {
  for await (const batch of streamCsvBatches(file, { chunkBytes: 1 << 16, ...options })) {
    return [...batch.header];
  }
  throw new Error('unreachable: streamCsvBatches always yields the header or throws');
}
