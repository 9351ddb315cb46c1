import type { DatasetSchema } from '@modelship/data-validation';
import { createCellParser, INVALID, streamCsvRows } from '@modelship/data-validation';
import type { FeedbackRecord } from '@modelship/feedback-store';
import { resolvePositiveClass } from '@modelship/data-validation';

/** Turns a feedback record into one CSV row of the dataset, cells in the header's order. */
export type RowEncoder = (record: FeedbackRecord) => string[];

/**
 * Builds the encoder for a dataset: the target cell is the label in the CSV's own encoding
 * (1 → the schema's positive class, 0 → the other one), an id column the features lack takes
 * the prediction id when the column's type can hold it (else it stays empty, like every column
 * the features lack), booleans use the schema's first true/false text. Values are never
 * repaired: validation decides what a bad value means.
 */
export function createRowEncoder(
  schema: DatasetSchema,
  header: readonly string[],
  target: { positive: string; negative: string },
): RowEncoder {
  const holdsPredictionId = new Map(
    schema.columns
      .filter((column) => column.role === 'id')
      .map((column) => [column.name, createCellParser(column.type, schema)]),
  );
  const booleans = {
    true: schema.booleanValues?.true[0] ?? 'true',
    false: schema.booleanValues?.false[0] ?? 'false',
  };
  return (record) =>
    header.map((name) => {
      if (name === schema.target.column)
        return record.label === 1 ? target.positive : target.negative;
      const value = record.features[name];
      const parseId = holdsPredictionId.get(name);
      if (value === undefined && parseId && parseId(record.predictionId) !== INVALID)
        return record.predictionId;
      return toCell(value, booleans);
    });
}

/**
 * The CSV texts of a binary target's two classes: the schema's categories when it lists two,
 * else the first two values found in the data file.
 */
export async function resolveTargetClasses(
  schema: DatasetSchema,
  dataFile: string,
): Promise<{ positive: string; negative: string }> {
  const column = schema.target.column;
  const categories = schema.columns.find((c) => c.name === column)?.categories;
  let classes = categories?.length === 2 ? [...categories] : [];
  if (classes.length !== 2) {
    const seen = new Set<string>();
    for await (const { values } of streamCsvRows(dataFile)) {
      const value = values[column];
      if (value !== undefined && value !== '') seen.add(value);
      if (seen.size === 2) break;
    }
    classes = [...seen];
  }
  return resolvePositiveClass(classes, schema.target.positive, { file: dataFile, column });
}

/** One CSV line: cells quoted when they hold a comma, a quote or a line break. */
export function formatCsvLine(cells: readonly string[]): string {
  return cells
    .map((cell) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell))
    .join(',');
}

// --- internal ---

function toCell(value: unknown, booleans: { true: string; false: string }): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'boolean') return value ? booleans.true : booleans.false;
  if (typeof value === 'number' || typeof value === 'string') return String(value);
  return JSON.stringify(value);
}
