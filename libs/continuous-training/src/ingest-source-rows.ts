import { mkdirSync, rmSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import type { DataParams } from '@modelship/params';
import { resolveFromRoot } from '@modelship/params';
import { extractNewRows, writeSourceLineage } from '@modelship/data-sources';
import { loadSchema, readCsvHeader, streamCsvRows } from '@modelship/data-validation';
import { commitDvcOut } from '@modelship/data-versioning';
import type { CtContext, VerifyData } from './ct-context.js';
import { checkQuarantineShare } from './check-quarantine-share.js';
import { parseCtParams } from './ct-params.js';
import { replaceFile } from './replace-file.js';
import type { QuarantinedSourceRow } from './write-source-quarantine.js';
import { writeSourceQuarantine } from './write-source-quarantine.js';
import { screenNewRows } from './screen-new-rows.js';

export interface IngestSourceOptions {
  /** Checks the data on disk against data.dvc first: rows are never appended to unknown data. */
  verifyData: VerifyData;
  env?: NodeJS.ProcessEnv;
  now?: Date;
}

export interface SourceIngestResult {
  /** Rows of the query above the high-water mark. */
  read: number;
  appended: number;
  quarantined: number;
  dataMd5Before: string;
  dataMd5After: string;
  /** The new high-water mark (quarantined rows count: they wait in the quarantine, not the query). */
  highWaterMark: string | null;
  quarantine: { csv: string; json: string } | null;
}

/**
 * Continuous training's other source of labelled rows: the rows of `data.source`'s query above
 * the snapshot's high-water mark, validated with the snapshot against the schema like feedback
 * rows, the ones that break it quarantined with reasons, the rest appended atomically; data.dvc
 * then records the new version and the new mark. No new rows: no-op.
 * @throws CtError `E_CT_QUARANTINE_SHARE` when more than `ct.ingest.max_quarantine_share` of the
 *   rows are quarantined: the report is written, nothing is appended, the mark stays.
 */
export async function ingestSourceRows(
  ctx: CtContext,
  { verifyData, env, now = new Date() }: IngestSourceOptions,
): Promise<SourceIngestResult> {
  const ct = parseCtParams(ctx.params as unknown as Record<string, unknown>);
  const data = ctx.params.data as DataParams;
  const model = ctx.params.model.name;
  const { md5: before } = await verifyData(ctx);
  const dataFile = resolveFromRoot(ctx.root, data.path);
  const dvcFile = resolveFromRoot(ctx.root, data.dvc);
  const workDir = join(dirname(resolveFromRoot(ctx.root, ct.stateFile)), 'tmp');
  mkdirSync(workDir, { recursive: true });
  const newFile = join(workDir, `${basename(dataFile)}.${process.pid}.source.csv`);
  const tempFile = join(workDir, `${basename(dataFile)}.${process.pid}.ingest`);
  try {
    const extracted = await extractNewRows({ root: ctx.root, data, file: newFile, env });
    const result: SourceIngestResult = {
      read: extracted.rows,
      appended: 0,
      quarantined: 0,
      dataMd5Before: before,
      dataMd5After: before,
      highWaterMark: extracted.highWaterMark ?? extracted.previous.high_water_mark ?? null,
      quarantine: null,
    };
    if (extracted.rows === 0) {
      ctx.log(
        `ct-ingest: no rows above ${extracted.previous.incremental_column} = ${extracted.previous.high_water_mark} in data.source; nothing to do`,
      );
      return result;
    }
    const schema = await loadSchema(resolveFromRoot(ctx.root, data.schema));
    const header = await readCsvHeader(dataFile);
    const rows: string[][] = [];
    for await (const record of streamCsvRows(newFile))
      rows.push(header.map((name) => record.values[name] ?? ''));
    const problems = await screenNewRows(dataFile, rows, schema, tempFile);
    const bad: QuarantinedSourceRow[] = [...problems]
      .sort(([a], [b]) => a - b)
      .map(([index, list]) => ({ row: index + 1, cells: rows[index] as string[], problems: list }));
    const good = rows.filter((_, index) => !problems.has(index));
    if (bad.length > 0) {
      result.quarantine = writeSourceQuarantine(
        resolveFromRoot(ctx.root, ct.quarantineDir),
        model,
        header,
        bad,
        {
          dataMd5: before,
          at: now,
          querySha256: extracted.previous.query_sha256,
        },
      );
    }
    if (result.quarantine) {
      checkQuarantineShare({
        bad,
        read: rows.length,
        maxShare: ct.maxQuarantineShare,
        rowsName: 'source rows',
        quarantineCsv: relative(ctx.root, result.quarantine.csv),
        schema: data.schema,
        position: 'the high-water mark',
      });
    }
    if (good.length > 0) {
      replaceFile(tempFile, dataFile);
      result.dataMd5After = (await commitDvcOut(dvcFile)).md5;
    }
    await writeSourceLineage(dvcFile, {
      ...extracted.previous,
      rows: extracted.previous.rows + good.length,
      ...(extracted.highWaterMark === null ? {} : { high_water_mark: extracted.highWaterMark }),
      extracted_at: now.toISOString(),
    });
    return { ...result, appended: good.length, quarantined: bad.length };
  } finally {
    rmSync(newFile, { force: true });
    rmSync(tempFile, { force: true });
  }
}
