import type { DatasetSchema } from '@modelship/data-validation';
import type { SqlColumn } from '../drivers/sql-driver.js';
import { DataSourceError } from '../errors/data-source-error.js';
import type { CellFormatter } from './create-cell-formatter.js';
import { createCellFormatter } from './create-cell-formatter.js';

/** A schema column and where its value is in the result's rows. */
export interface MatchedColumn {
  name: string;
  index: number;
  format: CellFormatter;
}

/**
 * The result's columns in the schema's order (the CSV's header), each with its formatter.
 * @throws DataSourceError E_SOURCE_COLUMNS for a column the schema does not know, a schema column
 *   the query does not return, a column returned twice, or a binary column
 */
export function matchColumns(
  columns: SqlColumn[],
  schema: DatasetSchema,
  schemaFile: string,
): MatchedColumn[] {
  const byName = new Map<string, number>();
  columns.forEach((column, index) => {
    if (byName.has(column.name)) {
      throw columnsError(
        `The query returns the column "${column.name}" twice.`,
        'Alias one of them.',
      );
    }
    byName.set(column.name, index);
  });
  const known = new Set(schema.columns.map((column) => column.name));
  const unknown = columns.filter((column) => !known.has(column.name)).map((column) => column.name);
  if (unknown.length > 0) {
    throw columnsError(
      `The query returns ${list(unknown)}, which ${schemaFile} does not know.`,
      'Leave them out of the SELECT, or add them to the schema (role: ignore keeps them out of the model).',
    );
  }
  const missing = schema.columns
    .filter((column) => !byName.has(column.name))
    .map((column) => column.name);
  if (missing.length > 0) {
    throw columnsError(
      `The query does not return ${list(missing)}, which ${schemaFile} requires.`,
      'Add them to the SELECT (alias a differently named column with AS).',
    );
  }
  return schema.columns.map((column) => {
    const index = byName.get(column.name) ?? -1;
    const sql = columns[index] as SqlColumn; // every schema column was found above
    if (sql.kind === 'binary') {
      throw columnsError(
        `The column "${column.name}" is ${sql.sqlType}, binary data that has no CSV form.`,
        'Cast it to text in the query, or leave it out.',
      );
    }
    return { name: column.name, index, format: createCellFormatter(sql, column, schema) };
  });
}

// --- internal ---

function columnsError(message: string, fix: string): DataSourceError {
  return new DataSourceError('E_SOURCE_COLUMNS', message, { fix });
}

function list(names: string[]): string {
  return names.map((name) => `"${name}"`).join(', ');
}
