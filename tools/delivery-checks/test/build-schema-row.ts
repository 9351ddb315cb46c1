import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

interface SchemaColumn {
  name: string;
  type: string;
  role: string;
  min?: number;
  max?: number;
  categories?: string[];
}

/** A valid instance for /predict from a bundle's input-schema.json, whatever its columns are. */
export async function buildSchemaRow(bundleDir: string): Promise<Record<string, unknown>> {
  const schema = JSON.parse(await readFile(join(bundleDir, 'input-schema.json'), 'utf8')) as {
    columns: SchemaColumn[];
  };
  return Object.fromEntries(
    schema.columns
      .filter((column) => column.role === 'feature')
      .map((column) => [column.name, buildValue(column)]),
  );
}

// --- internal ---

function buildValue(column: SchemaColumn): unknown {
  const middle = ((column.min ?? 0) + (column.max ?? column.min ?? 1)) / 2;
  switch (column.type) {
    case 'integer':
      return Math.round(middle);
    case 'number':
      return middle;
    case 'boolean':
      return false;
    case 'categorical':
      return column.categories?.[0] ?? 'unknown';
    case 'datetime':
      return '2024-01-01T00:00:00Z';
    default:
      return 'text';
  }
}
