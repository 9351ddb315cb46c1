import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadSchema } from '@modelship/data-validation';
import { commitDvcOut, readDvcFile, verifyDvcOut } from '@modelship/data-versioning';
import type { DataParams } from '@modelship/params';
import { loadDriver } from '../drivers/load-driver.js';
import { DataSourceError } from '../errors/data-source-error.js';
import type { SourceLineage } from '../lineage/source-lineage.js';
import { readSourceLineage, writeSourceLineage } from '../lineage/source-lineage.js';
import type { DataSource } from '../source/resolve-data-source.js';
import { resolveDataSource } from '../source/resolve-data-source.js';
import { DEFAULT_BATCH_SIZE } from './default-batch-size.js';
import { extractToCsv } from './extract-to-csv.js';
import { openRowSource } from './open-row-source.js';
import { checkNotBackwards, planIncrement } from './plan-increment.js';

export interface ExtractDataOptions {
  /** The workspace root; params paths resolve against it. */
  root: string;
  /** params.yaml `data`, with `source` set. */
  data: DataParams;
  /** Replace the snapshot even when an incremental extract could append. */
  full?: boolean;
  env?: NodeJS.ProcessEnv;
  /** Rows per cursor read. @default 1000 (DEFAULT_BATCH_SIZE) */
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
    throw new DataSourceError(
      'E_SOURCE_CONFIG',
      'params.yaml has no data.source to extract from.',
      {
        fix: 'Add data.source: { url: env:DATABASE_URL, query: "SELECT ..." } (README: Data from SQL).',
      },
    );
  }
  const source = resolveDataSource(data.source, root, options.env);
  const schema = await loadSchema(resolve(root, data.schema));
  const target = resolve(root, data.path);
  const dvcFile = resolve(root, data.dvc);
  const previous = await readSourceLineage(dvcFile);
  const planned = planIncrement(source, schema, data.schema, previous, target);
  const increment = options.full ? null : planned;
  // Rows are appended only to the version data.dvc records; a full extract replaces whatever is there.
  if (increment) await verifyDvcOut(dvcFile);
  const md5Before = existsSync(dvcFile)
    ? ((await readDvcFile(dvcFile)).outs[0]?.md5 ?? null)
    : null;
  const driver = await loadDriver(source.connection.engine);
  if (increment) await checkNotBackwards(driver, source, schema, increment);
  const written = await extractToCsv({
    cursor: await openRowSource(
      driver,
      source,
      schema,
      increment,
      options.batchSize ?? DEFAULT_BATCH_SIZE,
    ),
    schema,
    schemaFile: data.schema,
    target,
    append: increment !== null,
    incrementalColumn: source.incrementalColumn,
  });
  if (increment && written.rows === 0) {
    return {
      mode: 'incremental',
      rows: 0,
      md5Before,
      md5After: md5Before,
      lineage: increment.previous,
    };
  }
  const lineage = toLineage(
    source,
    (increment?.previous.rows ?? 0) + written.rows,
    written.highWaterMark,
  );
  const version = await commitDvcOut(dvcFile);
  await writeSourceLineage(dvcFile, lineage);
  return {
    mode: increment ? 'incremental' : 'full',
    rows: written.rows,
    md5Before,
    md5After: version.md5 ?? null,
    lineage,
  };
}

// --- internal ---

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
