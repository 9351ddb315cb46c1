import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatCsvLine } from './feedback-to-row.js';
import { describeProblem } from './quarantine-report.js';
import type { RowProblem } from './validate-new-rows.js';

/** A row of the source query that broke the schema, and why. */
export interface QuarantinedSourceRow {
  /** 1-based position among this ingest's new rows. */
  row: number;
  cells: string[];
  problems: RowProblem[];
}

/**
 * Writes refused source rows as feedback's quarantine does: `<stamp>-<model>-source.csv` (the
 * row number and reasons first, then the dataset's columns) and `.json` with every check broken.
 */
export function writeSourceQuarantine(
  dir: string,
  model: string,
  header: readonly string[],
  rows: readonly QuarantinedSourceRow[],
  context: { dataMd5: string; at: Date; querySha256: string },
): { csv: string; json: string } {
  mkdirSync(dir, { recursive: true });
  const stem = join(dir, `${context.at.toISOString().replace(/[:.]/g, '-')}-${model}-source`);
  const lines = [formatCsvLine(['source_row', 'reasons', ...header])];
  for (const { row, cells, problems } of rows) {
    lines.push(formatCsvLine([String(row), problems.map(describeProblem).join('; '), ...cells]));
  }
  writeFileSync(`${stem}.csv`, `${lines.join('\n')}\n`);
  const report = {
    model,
    dataVersion: context.dataMd5,
    querySha256: context.querySha256,
    quarantinedAt: context.at.toISOString(),
    rows: rows.map(({ row, cells, problems }) => ({
      row,
      reasons: problems.map(describeProblem),
      problems,
      values: Object.fromEntries(header.map((name, index) => [name, cells[index]])),
    })),
  };
  writeFileSync(`${stem}.json`, `${JSON.stringify(report, null, 2)}\n`);
  return { csv: `${stem}.csv`, json: `${stem}.json` };
}
