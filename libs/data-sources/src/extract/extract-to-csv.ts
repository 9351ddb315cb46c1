import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { copyFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { DatasetSchema } from '@modelship/data-validation';
import type { SqlCsvCopy, SqlCursor } from '../drivers/sql-driver.js';
import { DataSourceError } from '../errors/data-source-error.js';
import { compareHighWater } from './compare-high-water.js';
import { copyRows } from './copy-rows.js';
import type { CellFormatter } from './create-cell-formatter.js';
import type { MatchedColumn } from './match-columns.js';
import { matchColumns } from './match-columns.js';
import { readFirstLine } from './read-first-line.js';
import { misfitError, noHighWaterValue } from './row-errors.js';

export interface ExtractToCsvOptions {
  /** An open cursor, or a CSV copy (the fast path); closed before this returns. */
  cursor: SqlCursor | SqlCsvCopy;
  schema: DatasetSchema;
  /** The schema's path, for messages. */
  schemaFile: string;
  /** The CSV snapshot to write (replaced atomically, or appended to with `append`). */
  target: string;
  /** Append to the existing snapshot instead of replacing it (incremental extract). */
  append?: boolean;
  /** Tracks this column's largest value, the next extract's high-water mark. */
  incrementalColumn?: string | undefined;
  /** Write the header alone when there are no rows, instead of failing with E_SOURCE_EMPTY. */
  allowEmpty?: boolean;
}

export interface ExtractToCsvResult {
  /** Rows this extract wrote (appended rows for an append). */
  rows: number;
  /** The incremental column's largest value written (its CSV text), null without one. */
  highWaterMark: string | null;
}

/**
 * Streams a cursor's rows into the CSV snapshot: a temporary file beside the target, renamed over
 * it once every row fitted the schema, so a failed or interrupted extract leaves the previous
 * snapshot byte for byte. Memory holds one batch of rows whatever the row count.
 * @throws DataSourceError naming the row and column of a value that does not fit its type
 */
export async function extractToCsv(options: ExtractToCsvOptions): Promise<ExtractToCsvResult> {
  const { cursor, schema, target } = options;
  const temp = join(dirname(target), `.${basename(target)}.extract-${process.pid}.tmp`);
  try {
    const columns = matchColumns(cursor.columns, schema, options.schemaFile);
    const header = columns.map((column) => column.name).join(',');
    if (options.append) {
      await checkSnapshotHeader(target, header);
      await copyFile(target, temp);
    }
    const out = createWriteStream(temp, { flags: options.append ? 'a' : 'w' });
    const closed = once(out, 'close');
    let result: ExtractToCsvResult;
    try {
      if (!options.append) out.write(`${header}\n`);
      result =
        'stream' in cursor
          ? await copyRows(cursor, columns, out, options)
          : await writeRows(cursor, columns, out, options);
    } finally {
      out.end();
      await closed;
    }
    if (result.rows === 0 && !options.append && !options.allowEmpty) {
      throw new DataSourceError(
        'E_SOURCE_EMPTY',
        'The query returned no rows; the snapshot is unchanged.',
        {
          fix: 'Check the query (its WHERE clause) and that the table has data.',
        },
      );
    }
    if (result.rows > 0 || options.allowEmpty) await rename(temp, target);
    return result;
  } finally {
    await cursor.close();
    await rm(temp, { force: true });
  }
}

// --- internal ---

async function writeRows(
  cursor: SqlCursor,
  columns: MatchedColumn[],
  out: NodeJS.WritableStream,
  options: ExtractToCsvOptions,
): Promise<ExtractToCsvResult> {
  const incremental = options.incrementalColumn;
  const hwmIndex =
    incremental === undefined ? -1 : columns.findIndex((column) => column.name === incremental);
  const hwmType =
    options.schema.columns.find((column) => column.name === incremental)?.type ?? 'integer';
  const missing = options.schema.missingValues?.[0] ?? '';
  // Plain arrays and index loops: this runs once per cell, millions of times.
  const formats = columns.map((column) => column.format);
  const indexes = columns.map((column) => column.index);
  const width = columns.length;
  let highWaterMark: string | null = null;
  let rows = 0;
  for (let batch = await cursor.read(); batch.length > 0; batch = await cursor.read()) {
    const lines: string[] = [];
    for (const row of batch) {
      rows += 1;
      let line = '';
      for (let c = 0; c < width; c += 1) {
        const cell = (formats[c] as CellFormatter)(row[indexes[c] as number]);
        if (typeof cell !== 'string')
          throw misfitError(rows, columns[c]?.name, cell.misfit, options.schemaFile);
        if (c === hwmIndex && incremental !== undefined) {
          if (cell === missing) throw noHighWaterValue(rows, incremental);
          highWaterMark = maxHighWater(cell, highWaterMark, hwmType);
        }
        line = c === 0 ? cell : `${line},${cell}`;
      }
      lines.push(line);
    }
    lines.push('');
    if (!out.write(lines.join('\n'))) await once(out, 'drain');
  }
  return { rows, highWaterMark };
}

function maxHighWater(
  value: string,
  current: string | null,
  type: Parameters<typeof compareHighWater>[2],
): string {
  return current === null || compareHighWater(value, current, type) > 0 ? value : current;
}

async function checkSnapshotHeader(target: string, header: string): Promise<void> {
  const existing = await readFirstLine(target);
  if (existing !== header) {
    throw new DataSourceError(
      'E_SOURCE_COLUMNS',
      `${target} has the header "${existing ?? ''}", the query's columns make "${header}"; new rows cannot be appended.`,
      { fix: 'Run a full extract: npx modelship data extract --full' },
    );
  }
}
