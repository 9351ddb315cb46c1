import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { once } from 'node:events';
import type { SampleOptions } from './churn-row.js';
import { formatChurnHeader, formatChurnRow, generateChurnRows } from './churn-row.js';

/** What a generator wrote. */
export interface SampleResult {
  rows: number;
  bytes: number;
}

const ROWS_PER_CHUNK = 2_000;

/**
 * Writes the customer-churn sample as CSV (LF line ends, UTF-8), streaming in constant memory.
 * The file appears atomically: it is written to a temporary name beside `path`, then renamed,
 * so a crash never leaves half a dataset behind. Same options, same bytes, on every machine.
 */
export async function generateChurnCsv(
  path: string,
  options: SampleOptions,
): Promise<SampleResult> {
  validateOptions(options);
  await mkdir(dirname(path), { recursive: true });
  const tempPath = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    const bytes = await writeRows(tempPath, options);
    await rename(tempPath, path);
    return { rows: options.rows, bytes };
  } catch (error) {
    await rm(tempPath, { force: true });
    throw error;
  }
}

async function writeRows(tempPath: string, options: SampleOptions): Promise<number> {
  const stream = createWriteStream(tempPath, { encoding: 'utf8' });
  const failed = once(stream, 'error').then(([error]) => {
    throw error;
  });
  failed.catch(() => undefined);
  let bytes = 0;
  const write = async (text: string): Promise<void> => {
    bytes += Buffer.byteLength(text);
    if (!stream.write(text)) await Promise.race([once(stream, 'drain'), failed]);
  };

  await write(`${formatChurnHeader()}\n`);
  let chunk: string[] = [];
  for (const row of generateChurnRows(options)) {
    chunk.push(formatChurnRow(row));
    if (chunk.length === ROWS_PER_CHUNK) {
      await write(`${chunk.join('\n')}\n`);
      chunk = [];
    }
  }
  if (chunk.length > 0) await write(`${chunk.join('\n')}\n`);
  stream.end();
  await Promise.race([once(stream, 'close'), failed]);
  return bytes;
}

function validateOptions({ rows, seed }: SampleOptions): void {
  if (!Number.isSafeInteger(rows) || rows < 1) {
    throw new RangeError(
      `Expected \`rows\` to be a positive integer, got \`${rows}\` (${typeof rows}).`,
    );
  }
  if (!Number.isSafeInteger(seed)) {
    throw new RangeError(`Expected \`seed\` to be an integer, got \`${seed}\` (${typeof seed}).`);
  }
}
