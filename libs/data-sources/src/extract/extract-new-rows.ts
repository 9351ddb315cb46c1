import { resolve } from 'node:path';
import { loadSchema } from '@modelship/data-validation';
import type { DataParams } from '@modelship/params';
import { loadDriver } from '../drivers/load-driver.js';
import { DataSourceError } from '../errors/data-source-error.js';
import type { SourceLineage } from '../lineage/source-lineage.js';
import { readSourceLineage } from '../lineage/source-lineage.js';
import { resolveDataSource } from '../source/resolve-data-source.js';
import { DEFAULT_BATCH_SIZE } from './default-batch-size.js';
import { extractToCsv } from './extract-to-csv.js';
import { openRowSource } from './open-row-source.js';
import { checkNotBackwards, planIncrement } from './plan-increment.js';

export interface ExtractNewRowsOptions {
  root: string;
  /** params.yaml `data`, with `source.incremental_column` set. */
  data: DataParams;
  /** Where the new rows go: a CSV with the snapshot's header, apart from the snapshot. */
  file: string;
  env?: NodeJS.ProcessEnv;
  batchSize?: number;
}

export interface NewSourceRows {
  file: string;
  rows: number;
  /** The largest incremental value among the new rows; null when there are none. */
  highWaterMark: string | null;
  /** The lineage data.dvc holds: the snapshot the new rows continue. */
  previous: SourceLineage;
}

/**
 * The rows of `data.source` above the snapshot's high-water mark, in a CSV of their own, for a
 * caller that checks them before they join the snapshot (continuous training quarantines the
 * ones that break the schema). Nothing in the workspace changes.
 * @throws DataSourceError as `extractData`, and when the snapshot has no high-water mark yet
 */
export async function extractNewRows(options: ExtractNewRowsOptions): Promise<NewSourceRows> {
  const { root, data } = options;
  if (!data.source?.incremental_column) {
    throw new DataSourceError(
      'E_SOURCE_CONFIG',
      'params.yaml: new rows from a query need data.source.incremental_column (a monotonic id or timestamp).',
    );
  }
  const source = resolveDataSource(data.source, root, options.env);
  const schema = await loadSchema(resolve(root, data.schema));
  const target = resolve(root, data.path);
  const previous = await readSourceLineage(resolve(root, data.dvc));
  const increment = planIncrement(source, schema, data.schema, previous, target);
  if (!increment) {
    throw new DataSourceError(
      'E_SOURCE_INCREMENTAL',
      `${data.dvc} records no high-water mark of data.source: the snapshot was not extracted from this query.`,
      { fix: 'Run npx modelship data extract first.' },
    );
  }
  const driver = await loadDriver(source.connection.engine);
  await checkNotBackwards(driver, source, schema, increment);
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
    target: options.file,
    incrementalColumn: source.incrementalColumn,
    allowEmpty: true,
  });
  return { file: options.file, ...written, previous: increment.previous };
}
