import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ColumnSchema, DatasetSchema } from './dataset-schema.js';
import { COLUMN_SCHEMA_KEYS } from './dataset-schema.js';

const SCHEMA_ORDER: (keyof DatasetSchema)[] = [
  'schemaVersion',
  'name',
  'target',
  'dataset',
  'missingValues',
  'booleanValues',
  'columns',
];

function pick<T extends object>(object: T, keys: readonly (keyof T)[]): Partial<T> {
  const out: Partial<T> = {};
  for (const key of keys) if (object[key] !== undefined) out[key] = object[key];
  return out;
}

/** The schema as stable, pretty JSON: fixed key order, two spaces, a final newline. */
export function formatSchema(schema: DatasetSchema): string {
  const ordered = pick(schema, SCHEMA_ORDER);
  ordered.columns = schema.columns.map(
    (column) => pick(column, COLUMN_SCHEMA_KEYS) as ColumnSchema,
  );
  ordered.target = pick(schema.target, ['column', 'kind', 'positive']) as DatasetSchema['target'];
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/** Writes the schema file (creating folders); the same schema always gives the same bytes. */
export async function writeSchema(schema: DatasetSchema, file: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, formatSchema(schema));
}
