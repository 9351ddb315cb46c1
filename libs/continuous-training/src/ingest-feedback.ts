import { mkdirSync, rmSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { loadSchema, readCsvHeader } from '@modelship/data-validation';
import { commitDvcOut } from '@modelship/data-versioning';
import type { FeedbackRecord } from '@modelship/feedback-store';
import { readTask, resolveFromRoot } from '@modelship/params';
import type { CtContext, VerifyData } from './ct-context.js';
import { parseCtParams } from './ct-params.js';
import { readCtState, readWatermark, writeCtState } from './ct-state.js';
import { afterWatermark, openFeedback } from './feedback-since.js';
import { findForeignTaskRecords } from './check-feedback-task.js';
import { createRowEncoder, resolveTargetEncoder } from './feedback-to-row.js';
import { checkQuarantineShare } from './check-quarantine-share.js';
import { writeQuarantineReport, type QuarantinedRow } from './quarantine-report.js';
import { replaceFile } from './replace-file.js';
import { screenNewRows } from './screen-new-rows.js';

export interface IngestResult {
  /** Feedback rows read since the watermark. */
  read: number;
  appended: number;
  quarantined: number;
  dataMd5Before: string;
  dataMd5After: string;
  /** labelledAt of the newest row read (the new watermark), or the old one when none was read. */
  watermark: string | null;
  quarantine: { csv: string; json: string } | null;
}

export interface IngestFeedbackOptions {
  /** Checks the data on disk against data.dvc first: feedback is never appended to unknown data. */
  verifyData: VerifyData;
  now?: Date;
}

/**
 * Moves labelled feedback into the dataset: reads the rows labelled since the data version's
 * watermark, turns each into a row of the CSV, validates the dataset with them against its
 * schema, quarantines the rows that break it (CSV + JSON report, with reasons), appends the rest
 * atomically, records the new version in data.dvc and moves the watermark. No new rows: no-op.
 * Columns the model does not use (id, ignore) may be absent from feedback rows. The target cell
 * is written in the task's form (`resolveTargetEncoder`); feedback of another task than
 * params.yaml's is quarantined (`findForeignTaskRecords`).
 * @throws CtError `E_CT_QUARANTINE_SHARE` when more than `ct.ingest.max_quarantine_share` of the
 *   rows are quarantined: the report is written, nothing is appended, the watermark stays.
 */
export async function ingestFeedback(
  ctx: CtContext,
  { verifyData, now = new Date() }: IngestFeedbackOptions,
): Promise<IngestResult> {
  const ct = parseCtParams(ctx.params as unknown as Record<string, unknown>);
  const model = ctx.params.model.name;
  const { md5: before } = await verifyData(ctx);
  const stateFile = resolveFromRoot(ctx.root, ct.stateFile);
  const state = readCtState(stateFile);
  const watermark = readWatermark(state, before);
  const store = openFeedback(ct.feedbackStore, ctx.root, ctx.log);
  const records: FeedbackRecord[] = [];
  for await (const record of store.read(model, afterWatermark(watermark))) records.push(record);
  const unchanged: IngestResult = {
    read: 0,
    appended: 0,
    quarantined: 0,
    dataMd5Before: before,
    dataMd5After: before,
    watermark: watermark?.toISOString() ?? null,
    quarantine: null,
  };
  if (records.length === 0) {
    ctx.log(
      `ct-ingest: no feedback labelled since ${watermark?.toISOString() ?? 'the start'} in ${store.location}; nothing to do`,
    );
    return unchanged;
  }

  const dataFile = resolveFromRoot(ctx.root, ctx.params.data.path);
  const schema = await loadSchema(resolveFromRoot(ctx.root, ctx.params.data.schema));
  const header = await readCsvHeader(dataFile);
  const task = readTask(ctx.params);
  const encode = createRowEncoder(
    schema,
    header,
    await resolveTargetEncoder(task, schema, dataFile),
  );
  const rows = records.map(encode);
  const workDir = join(dirname(stateFile), 'tmp');
  mkdirSync(workDir, { recursive: true });
  const tempFile = join(workDir, `${basename(dataFile)}.${process.pid}.ingest`);
  try {
    const foreign = findForeignTaskRecords(records, task, schema.target.column);
    const problems = await screenNewRows(dataFile, rows, schema, tempFile, foreign);
    const bad: QuarantinedRow[] = [...problems]
      .sort(([a], [b]) => a - b)
      .map(([index, list]) => ({
        row: index + 1,
        record: records[index] as FeedbackRecord,
        cells: rows[index] as string[],
        problems: list,
      }));
    const good = rows.filter((_, index) => !problems.has(index));
    const maxLabelledAt = records.reduce((max, r) => (r.labelledAt > max ? r.labelledAt : max), '');
    const quarantine =
      bad.length === 0
        ? null
        : writeQuarantineReport(resolveFromRoot(ctx.root, ct.quarantineDir), model, header, bad, {
            dataMd5: before,
            at: now,
          });
    if (quarantine) {
      checkQuarantineShare({
        bad,
        read: records.length,
        maxShare: ct.maxQuarantineShare,
        rowsName: 'feedback rows',
        quarantineCsv: relative(ctx.root, quarantine.csv),
        schema: ctx.params.data.schema,
        position: 'the watermark',
      });
    }
    let after = before;
    if (good.length > 0) {
      replaceFile(tempFile, dataFile);
      after = (await commitDvcOut(resolveFromRoot(ctx.root, ctx.params.data.dvc))).md5;
    }
    state.dataVersions[after] = {
      watermark: new Date(maxLabelledAt).toISOString(),
      from: after === before ? (state.dataVersions[before]?.from ?? null) : before,
      ingestedRows: good.length,
      quarantinedRows: bad.length,
      at: now.toISOString(),
    };
    writeCtState(stateFile, state);
    return {
      read: records.length,
      appended: good.length,
      quarantined: bad.length,
      dataMd5Before: before,
      dataMd5After: after,
      watermark: state.dataVersions[after].watermark,
      quarantine,
    };
  } finally {
    rmSync(tempFile, { force: true });
  }
}
