import type { ColumnSchema, DatasetSchema } from '@modelship/data-validation';
import type { CsvSelectColumn, SqlColumn } from '../drivers/sql-driver.js';
import type { ScanCheck, ScanColumn } from './csv-row-scanner.js';
import type { MatchedColumn } from './match-columns.js';

export interface CsvColumnPlan {
  /** What the server writes, in the schema's order. */
  select: CsvSelectColumn[];
  /** What the scanner checks of it, in the same order. */
  scan: ScanColumn[];
}

/**
 * How each schema column is written by the server and checked on bytes, so that the CSV is byte
 * for byte what the cursor path writes: the server formats booleans and timestamps, the scanner
 * checks what SQL types cannot promise (NaN/Infinity, integers from numeric, NULL where not
 * nullable); type pairs without a fast form go through the cursor path's formatter cell by cell.
 */
export function planCsvColumns(
  matched: MatchedColumn[],
  sqlColumns: SqlColumn[],
  schema: DatasetSchema,
): CsvColumnPlan {
  const select: CsvSelectColumn[] = [];
  const scan: ScanColumn[] = [];
  for (const column of matched) {
    const sql = sqlColumns[column.index] as SqlColumn;
    const schemaColumn = schema.columns.find((c) => c.name === column.name) as ColumnSchema;
    const [form, check] = choose(sql, schemaColumn.type);
    const booleans =
      form !== 'boolean'
        ? {}
        : schemaColumn.type === 'boolean'
          ? {
              yes: schema.booleanValues?.true?.[0] ?? 'true',
              no: schema.booleanValues?.false?.[0] ?? 'false',
            }
          : { yes: 'true', no: 'false' };
    select.push({ name: sql.name, kind: sql.kind, form, ...booleans });
    scan.push({
      name: column.name,
      check,
      nullable: schemaColumn.nullable !== false,
      format: column.format,
    });
  }
  return { select, scan };
}

// --- internal ---

function choose(sql: SqlColumn, type: ColumnSchema['type']): [CsvSelectColumn['form'], ScanCheck] {
  const textual = type === 'categorical' || type === 'string';
  switch (sql.kind) {
    case 'boolean':
      return type === 'boolean' || textual ? ['boolean', 'none'] : ['raw', 'text'];
    case 'timestamp':
    case 'timestamptz':
      return type === 'datetime' ? ['datetime', 'datetime'] : ['raw', 'text'];
    case 'date':
      return type === 'datetime' ? ['raw', 'datetime'] : ['raw', 'text'];
    case 'integer':
      return type === 'boolean' || type === 'datetime' ? ['raw', 'text'] : ['raw', 'none'];
    case 'number':
      if (type === 'number') return ['raw', 'finite'];
      if (type === 'integer') return ['raw', 'integral'];
      return textual ? ['raw', 'none'] : ['raw', 'text'];
    default:
      return textual ? ['raw', 'none'] : ['raw', 'text'];
  }
}
