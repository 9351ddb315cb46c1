import { once } from 'node:events';
import type { ColumnType, DatasetSchema } from '@modelship/data-validation';
import type { SqlCsvCopy } from '../drivers/sql-driver.js';
import { CsvRowScanner } from './csv-row-scanner.js';
import type { MatchedColumn } from './match-columns.js';
import { planCsvColumns } from './plan-csv-columns.js';

const WRITE_BYTES = 1 << 20;

export interface CopyRowsOptions {
  schema: DatasetSchema;
  schemaFile: string;
  incrementalColumn?: string | undefined;
}

/**
 * The rows of a CSV copy into `out`: the server's bytes, checked by the scanner, written as they
 * came. Memory holds a megabyte of rows and the row a chunk cuts, whatever the row count.
 */
export async function copyRows(
  copy: SqlCsvCopy,
  columns: MatchedColumn[],
  out: NodeJS.WritableStream,
  options: CopyRowsOptions,
): Promise<{ rows: number; highWaterMark: string | null }> {
  const { schema, incrementalColumn } = options;
  const plan = planCsvColumns(columns, copy.columns, schema);
  const incrementalType: ColumnType =
    schema.columns.find((column) => column.name === incrementalColumn)?.type ?? 'integer';
  const nullText = schema.missingValues?.[0] ?? '';
  const scanner = new CsvRowScanner({
    columns: plan.scan,
    nullText,
    schemaFile: options.schemaFile,
    incrementalColumn,
    incrementalType,
  });
  // The server's chunks are a few KB; one write per MB spares the per-write cost.
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = async () => {
    const ready = out.write(Buffer.concat(pending, pendingBytes));
    pending = [];
    pendingBytes = 0;
    if (!ready) await once(out, 'drain');
  };
  for await (const chunk of copy.stream(plan.select, nullText)) {
    for (const piece of scanner.push(chunk)) {
      pending.push(piece);
      pendingBytes += piece.length;
    }
    if (pendingBytes >= WRITE_BYTES) await flush();
  }
  scanner.end();
  if (pendingBytes > 0) await flush();
  return { rows: scanner.rows, highWaterMark: scanner.highWaterMark };
}

/** Whether the server can write `missing` as its NULL text (COPY refuses quotes, commas, line ends). */
export function copyCanWriteNull(missing: string): boolean {
  return !/[",\r\n\\]/.test(missing);
}
