import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DatasetSchema } from '@modelship/data-validation';
import { loadSchema } from '@modelship/data-validation';
import { commitDvcOut, readDvcFile, verifyDvcOut } from '@modelship/data-versioning';
import type { DataParams } from '@modelship/params';
import { loadDriver } from '../drivers/load-driver.js';
import type { SqlDriver } from '../drivers/sql-driver.js';
import { DataSourceError } from '../errors/data-source-error.js';
import type { SourceLineage } from '../lineage/source-lineage.js';
import { readSourceLineage, writeSourceLineage } from '../lineage/source-lineage.js';
import type { DataSource } from '../source/resolve-data-source.js';
import { resolveDataSource } from '../source/resolve-data-source.js';
import { compareHighWater, INCREMENTAL_TYPES } from './compare-high-water.js';
import { extractToCsv } from './extract-to-csv.js';
import { readSourceMax } from './read-source-max.js';

export interface ExtractDataOptions {
  /** The workspace root; params paths resolve against it. */
  root: string;
  /** params.yaml `data`, with `source` set. */
  data: DataParams;
  /** Replace the snapshot even when an incremental extract could append. */
  full?: boolean;
  env?: NodeJS.ProcessEnv;
  /** Rows per cursor read. @default 10000 */
  batchSize?: number;
}

export interface ExtractDataResult {
  mode: 'full' | 'incremental';
  /** Rows this extract wrote: all of them, or the appended ones. */
  rows: number;
  /** The data version (`data.dvc` md5) before and after. */
  md5Before: string | null;
  md5After: string | null;
  lineage: SourceLineage;
}

/**
 * `modelship data extract`: the rows of `data.source`'s query become the CSV at `data.path`
 * (replaced, or appended to above the last high-water mark when `incremental_column` is set),
 * `data.dvc` records the new version, and its `meta.source` the lineage.
 * @throws DataSourceError for every way the extract can fail; the snapshot is then untouched
 */
export async function extractData(options: ExtractDataOptions): Promise<ExtractDataResult> {
  const { root, data } = options;
  if (!data.source) {
    throw new DataSourceError('E_SOURCE_CONFIG', 'params.yaml has no data.source to extract from.', {
      fix: 'Add data.source: { url: env:DATABASE_URL, query: "SELECT ..." } (README: Data from SQL).',
    });
  }
  const source = resolveDataSource(data.source, root, options.env);
  const schemaFile = data.schema;
  const schema = await loadSchema(resolve(root, schemaFile));
  checkIncrementalColumn(schema, source.incrementalColumn, schemaFile);
  const target = resolve(root, data.path);
  const dvcFile = resolve(root, data.dvc);
  const previous = await readSourceLineage(dvcFile);
  const append = !options.full && canAppend(source, previous, target);
  // Rows are appended only to the version data.dvc records; a full extract replaces whatever is there.
  if (append) await verifyDvcOut(dvcFile);
  const md5Before = existsSync(dvcFile) ? ((await readDvcFile(dvcFile)).outs[0]?.md5 ?? null) : null;
  const driver = await loadDriver(source.connection.engine);
  if (append) await checkNotBackwards(driver, source, schema, previous!);
  const query = append ? incrementalQuery(driver, source, previous!.high_water_mark!) : { text: source.query, params: [] };
  const cursor = await driver.openCursor(source.connection, query, options.batchSize ?? 10_000);
  const written = await extractToCsv({
    cursor,
    schema,
    schemaFile,
    target,
    append,
    incrementalColumn: source.incrementalColumn,
  });
  const lineage = toLineage(source, append ? previous!.rows + written.rows : written.rows, written.highWaterMark ?? (append ? previous!.high_water_mark ?? null : null));
  if (append && written.rows === 0) {
    return { mode: 'incremental', rows: 0, md5Before, md5After: md5Before, lineage: previous! };
  }
  const version = await commitDvcOut(dvcFile);
  await writeSourceLineage(dvcFile, lineage);
  return { mode: append ? 'incremental' : 'full', rows: written.rows, md5Before, md5After: version.md5 ?? null, lineage };
}

// --- internal ---

function checkIncrementalColumn(schema: DatasetSchema, column: string | undefined, schemaFile: string): void {
  if (column === undefined) return;
  const declared = schema.columns.find((candidate) => candidate.name === column);
  if (!declared || !INCREMENTAL_TYPES.includes(declared.type)) {
    throw new DataSourceError(
      'E_SOURCE_CONFIG',
      `params.yaml: data.source.incremental_column "${column}" must be a column of ${schemaFile} typed ${INCREMENTAL_TYPES.join(', ')}${declared ? `, not ${declared.type}` : ''}.`,
    );
  }
}

// Appending needs a snapshot made by the same query with a high-water mark to continue from.
function canAppend(source: DataSource, previous: SourceLineage | null, target: string): boolean {
  if (!source.incrementalColumn || !previous?.high_water_mark || !existsSync(target)) return false;
  if (previous.query_sha256 !== source.querySha256 || previous.incremental_column !== source.incrementalColumn) {
    throw new DataSourceError(
      'E_SOURCE_INCREMENTAL',
      'data.source changed since the snapshot was extracted (query or incremental_column); new rows cannot be appended to rows of another query.',
      { fix: 'Run a full extract: npx modelship data extract --full' },
    );
  }
  return true;
}

// Rows at or below the mark are in the snapshot already; a source whose largest value is now below
// it was rebuilt (ids reset, rows deleted, clock moved back), and appending would lose or repeat rows.
async function checkNotBackwards(
  driver: SqlDriver,
  source: DataSource,
  schema: DatasetSchema,
  previous: SourceLineage,
): Promise<void> {
  const column = schema.columns.find((candidate) => candidate.name === source.incrementalColumn)!;
  const max = await readSourceMax(driver, source, column, schema);
  const mark = previous.high_water_mark!;
  if (max === null || compareHighWater(max, mark, column.type) < 0) {
    throw new DataSourceError(
      'E_SOURCE_INCREMENTAL',
      `The incremental column "${column.name}" went backwards: the source's largest value is ${max ?? 'none (no rows)'}, the snapshot's high-water mark is ${mark}.`,
      { fix: 'Find out why the source lost rows; to start over from what it holds now: npx modelship data extract --full' },
    );
  }
}

function incrementalQuery(driver: SqlDriver, source: DataSource, mark: string): { text: string; params: unknown[] } {
  const column = driver.quoteIdentifier(source.incrementalColumn!);
  return {
    text: `SELECT * FROM (${source.query}) AS modelship_source WHERE ${column} > ${driver.placeholder(1)} ORDER BY ${column}`,
    params: [mark],
  };
}

function toLineage(source: DataSource, rows: number, highWaterMark: string | null): SourceLineage {
  const { engine, host, database } = source.connection;
  return {
    engine,
    host,
    database,
    query_sha256: source.querySha256,
    rows,
    ...(source.incrementalColumn ? { incremental_column: source.incrementalColumn } : {}),
    ...(highWaterMark !== null ? { high_water_mark: highWaterMark } : {}),
    extracted_at: new Date().toISOString(),
  };
}
