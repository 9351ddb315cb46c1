import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeedbackRecord } from '@modelship/feedback-store';
import { formatCsvLine } from './feedback-to-row.js';
import type { RowProblem } from './validate-new-rows.js';

export interface QuarantinedRow {
  /** 1-based position of the row among the feedback rows of this ingest. */
  row: number;
  record: FeedbackRecord;
  cells: string[];
  problems: RowProblem[];
}

/**
 * Writes refused feedback rows where a person can read and fix them: `<stamp>-<model>.csv` (the
 * dataset's columns, plus the feedback row number, prediction id and reasons first) and
 * `<stamp>-<model>.json` (each row's record and every check it broke).
 */
export function writeQuarantineReport(
  dir: string,
  model: string,
  header: readonly string[],
  rows: readonly QuarantinedRow[],
  context: { dataMd5: string; at: Date },
): { csv: string; json: string } {
  mkdirSync(dir, { recursive: true });
  const stem = join(dir, `${context.at.toISOString().replace(/[:.]/g, '-')}-${model}`);
  const csv = `${stem}.csv`;
  const json = `${stem}.json`;
  const lines = [formatCsvLine(['feedback_row', 'prediction_id', 'reasons', ...header])];
  for (const { row, record, cells, problems } of rows) {
    lines.push(
      formatCsvLine([
        String(row),
        record.predictionId,
        problems.map(describeProblem).join('; '),
        ...cells,
      ]),
    );
  }
  writeFileSync(csv, `${lines.join('\n')}\n`);
  const report = {
    model,
    dataVersion: context.dataMd5,
    quarantinedAt: context.at.toISOString(),
    rows: rows.map(({ row, record, problems }) => ({
      row,
      predictionId: record.predictionId,
      labelledAt: record.labelledAt,
      reasons: problems.map(describeProblem),
      problems,
      record,
    })),
  };
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  return { csv, json };
}

export function describeProblem(problem: RowProblem): string {
  const where = problem.column ? `${problem.column} ` : '';
  return `${where}${JSON.stringify(problem.value)} breaks ${problem.rule} (${problem.check})`;
}

/** How many rows broke each check (the value left out), most first, at most `top`. */
export function countReasons(
  rows: readonly { problems: RowProblem[] }[],
  top: number,
): { reason: string; rows: number }[] {
  const counts = new Map<string, number>();
  for (const { problems } of rows) {
    const reasons = new Set(
      problems.map((p) => `${p.column ? `${p.column} ` : ''}breaks ${p.rule} (${p.check})`),
    );
    for (const reason of reasons) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  return [...counts]
    .map(([reason, count]) => ({ reason, rows: count }))
    .sort((a, b) => b.rows - a.rows || a.reason.localeCompare(b.reason))
    .slice(0, top);
}
