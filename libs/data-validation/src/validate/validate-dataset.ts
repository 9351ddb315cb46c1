import { streamCsvBatches } from '../csv/stream-csv-batches.js';
import type { CellParser, CellValue } from '../schema/cell-parsers.js';
import { createCellParser, INVALID } from '../schema/cell-parsers.js';
import type { DatasetSchema } from '../schema/dataset-schema.js';
import { getMissingValues } from '../schema/schema-defaults.js';
import { validationRules } from './rules/index.js';
import type { RuleCheck, ValidationRule } from './rules/validation-rule.js';
import type { ValidationReport } from './validation-report.js';
import { VALIDATION_REPORT_VERSION } from './validation-report.js';

export interface ValidateOptions {
  /** Offending rows kept per failing check. @default 5 */
  maxExamples?: number;
  /** Field delimiter. @default "," */
  delimiter?: string;
  /** Accept CSV columns the schema does not describe (they are not checked). @default false */
  allowExtraColumns?: boolean;
  /** The rules to apply. @default validationRules */
  rules?: readonly ValidationRule[];
}

interface BoundColumn {
  index: number;
  parse: CellParser;
  missing: number;
  onValue: ((value: CellValue, raw: string, line: number) => void)[];
  onMissing: ((line: number) => void)[];
  onInvalid: ((raw: string, line: number) => void)[];
}

function bindColumns(
  schema: DatasetSchema,
  checks: RuleCheck[],
  header: readonly string[],
): BoundColumn[] {
  return schema.columns.map((column) => {
    const own = checks.filter((check) => check.column?.name === column.name);
    return {
      index: header.indexOf(column.name),
      parse: createCellParser(column.type, schema),
      missing: 0,
      onValue: own.flatMap((check) => (check.onValue ? [check.onValue] : [])),
      onMissing: own.flatMap((check) => (check.onMissing ? [check.onMissing] : [])),
      onInvalid: own.flatMap((check) => (check.onInvalid ? [check.onInvalid] : [])),
    };
  });
}

// Hashing every cell for a Set lookup costs more than the rest of a check; a table of the
// missing texts' first characters rules most cells out first.
function createFirstCharTable(values: Set<string>): Uint8Array {
  const table = new Uint8Array(65536);
  for (const value of values) table[value.charCodeAt(0) || 0] = 1;
  return table;
}

function checkRows(
  rows: string[][],
  lines: number[],
  columns: BoundColumn[],
  missingValues: Set<string>,
  missingFirst: Uint8Array,
): void {
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    const line = lines[r];
    for (let c = 0; c < columns.length; c++) {
      const column = columns[c];
      const raw = row[column.index];
      if (raw === '' || (missingFirst[raw.charCodeAt(0)] === 1 && missingValues.has(raw))) {
        column.missing += 1;
        for (const hook of column.onMissing) hook(line);
        continue;
      }
      const value = column.parse(raw);
      if (value === INVALID) {
        for (const hook of column.onInvalid) hook(raw, line);
        continue;
      }
      for (const hook of column.onValue) hook(value, raw, line);
    }
  }
}

/**
 * Checks a CSV file against a dataset schema in one streaming pass. Memory stays flat with the
 * file size except for uniqueness checks (`unique` columns and id columns), which keep an
 * 8-byte hash per value (see CompactHashSet).
 * @throws CsvError when the file cannot be read as a table (including a header that does not
 *   match the schema); data that breaks the schema's rules gives a failed report instead.
 */
export async function validateDataset(
  file: string,
  schema: DatasetSchema,
  options: ValidateOptions = {},
): Promise<ValidationReport> {
  const started = new Date();
  const context = { schema, maxExamples: options.maxExamples ?? 5 };
  const checks = (options.rules ?? validationRules).flatMap((rule) => rule.plan(context));
  const missingValues = getMissingValues(schema);
  const missingFirst = createFirstCharTable(missingValues);
  const batches = streamCsvBatches(file, {
    delimiter: options.delimiter,
    expectedColumns: schema.columns.map((column) => column.name),
    allowExtraColumns: options.allowExtraColumns,
  });
  let columns: BoundColumn[] | undefined;
  let rows = 0;
  for await (const batch of batches) {
    columns ??= bindColumns(schema, checks, batch.header);
    checkRows(batch.rows, batch.lines, columns, missingValues, missingFirst);
    rows += batch.rows.length;
  }
  const results = checks.map((check) => {
    const index = schema.columns.findIndex((column) => column.name === check.column?.name);
    return check.finish({ rows, missing: index === -1 ? 0 : (columns?.[index]?.missing ?? 0) });
  });
  const failed = results.filter((result) => !result.passed).length;
  return {
    reportVersion: VALIDATION_REPORT_VERSION,
    passed: failed === 0,
    dataset: { file, schema: schema.name, rows, columns: schema.columns.length },
    startedAt: started.toISOString(),
    durationMs: Date.now() - started.getTime(),
    summary: { checks: results.length, passed: results.length - failed, failed },
    checks: results,
  };
}
