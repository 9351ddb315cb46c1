import { createReadStream } from 'node:fs';
import { appendFile, copyFile } from 'node:fs/promises';
import type { CheckResult, DatasetSchema, ValidationReport } from '@modelship/data-validation';
import { validateDataset } from '@modelship/data-validation';
import { CtError } from './ct-error.js';
import { formatCsvLine } from './feedback-to-row.js';

/** Why one new row was refused: the check it broke and the value. */
export interface RowProblem {
  rule: string;
  column?: string;
  value: string;
  check: string;
}

export interface NewRowsVerdict {
  /** Problems by index into the new rows; rows absent here passed every check. */
  problems: Map<number, RowProblem[]>;
  /** The 1-based line each new row starts on in the combined file. */
  lines: number[];
  report: ValidationReport;
}

/**
 * Writes the current data plus the new rows to `tempFile` and validates the whole with the
 * dataset schema, so every rule sees the rows as training will (ids unique across the whole
 * file, categories, ranges, the target). Failures of new rows come back by row (a missing-share
 * limit the current data meets but the whole breaks: the new rows missing that column); a failure
 * of the existing data, or one no row can be blamed for, stops the ingest.
 */
export async function validateNewRows(
  dataFile: string,
  rows: readonly string[][],
  schema: DatasetSchema,
  tempFile: string,
): Promise<NewRowsVerdict> {
  const { newlines, endsWithNewline } = await countNewlines(dataFile);
  await copyFile(dataFile, tempFile);
  const lines: number[] = [];
  let next = newlines + (endsWithNewline ? 1 : 2);
  const text = rows.map((cells) => {
    const line = formatCsvLine(cells);
    lines.push(next);
    next += line.split('\n').length;
    return line;
  });
  await appendFile(tempFile, `${endsWithNewline ? '' : '\n'}${text.join('\n')}\n`);
  const report = await validateDataset(tempFile, schema, { maxExamples: Number.MAX_SAFE_INTEGER });
  const rowByLine = new Map(lines.map((line, index) => [line, index]));
  const problems = new Map<number, RowProblem[]>();
  const firstNew = lines[0] ?? Infinity;
  for (const check of report.checks.filter((c) => !c.passed)) {
    const old = check.examples.find((example) => example.line < firstNew);
    if (old && !isShareBrokenByNewRows(check, schema, firstNew, rows.length)) {
      throw new CtError(
        'E_CT_DATA_INVALID',
        `${dataFile}:${old.line}: the current dataset already fails "${check.description}" (${check.message}); fix the data (\`modelship validate\` shows every failure) before ingesting feedback.`,
        old,
      );
    }
    const blamed = check.examples.filter((example) => rowByLine.has(example.line));
    if (blamed.length === 0) {
      throw new CtError(
        'E_CT_DATA_INVALID',
        `the dataset with ${rows.length} feedback rows fails "${check.description}" (${check.message}); no row is to blame, so nothing was ingested. Adjust the schema's dataset checks or ingest later.`,
        check,
      );
    }
    for (const example of blamed) {
      const index = rowByLine.get(example.line) as number;
      const list = problems.get(index) ?? [];
      list.push({
        rule: check.rule,
        ...(check.column === undefined ? {} : { column: check.column }),
        value: example.value,
        check: check.description,
      });
      problems.set(index, list);
    }
  }
  return { problems, lines, report };
}

// --- internal ---

// A missing-share check lists every missing cell, old ones too: when the current data alone is
// within the limit, the new rows' missing cells are what broke it, so they are the ones to blame.
function isShareBrokenByNewRows(
  check: CheckResult,
  schema: DatasetSchema,
  firstNew: number,
  newRows: number,
): boolean {
  const limit = schema.columns.find((column) => column.name === check.column)?.maxMissingShare;
  if (check.rule !== 'missing' || limit === undefined) return false;
  const oldMissing = check.examples.filter((example) => example.line < firstNew).length;
  return oldMissing <= limit * (check.checked - newRows);
}

async function countNewlines(
  file: string,
): Promise<{ newlines: number; endsWithNewline: boolean }> {
  let newlines = 0;
  let last = 0x0a;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(0x0a); i !== -1; i = chunk.indexOf(0x0a, i + 1)) newlines += 1;
    if (chunk.length > 0) last = chunk[chunk.length - 1] as number;
  }
  return { newlines, endsWithNewline: last === 0x0a };
}
