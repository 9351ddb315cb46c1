import type { Task } from '@modelship/core';
import type { DatasetSchema } from '@modelship/data-validation';
import { createCellParser, INVALID, streamCsvRows } from '@modelship/data-validation';
import type { FeedbackRecord } from '@modelship/feedback-store';
import { resolvePositiveClass } from '@modelship/data-validation';

/** Turns a feedback record into one CSV row of the dataset, cells in the header's order. */
export type RowEncoder = (record: FeedbackRecord) => string[];

/** Writes a record's true label as the dataset's target cell. */
export type TargetEncoder = (label: FeedbackRecord['label']) => string;

/**
 * Builds the encoder for a dataset: the target cell is the label in the CSV's own form (see
 * `resolveTargetEncoder`), an id column the features lack takes
 * the prediction id when the column's type can hold it (else it stays empty, like every column
 * the features lack), booleans use the schema's first true/false text. Values are never
 * repaired: validation decides what a bad value means.
 */
export function createRowEncoder(
  schema: DatasetSchema,
  header: readonly string[],
  encodeTarget: TargetEncoder,
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
      if (name === schema.target.column) return encodeTarget(record.label);
      const value = record.features[name];
      const parseId = holdsPredictionId.get(name);
      if (value === undefined && parseId && parseId(record.predictionId) !== INVALID)
        return record.predictionId;
      return toCell(value, booleans);
    });
}

/**
 * How the task's labels are written in the dataset: binary 1 → the positive class's text and
 * 0 → the other one (`resolveTargetClasses`); a multiclass label is already the class text, a
 * regression label the number in the target's units. Nothing is mapped or rounded: validation
 * refuses a class or a value the schema does not allow.
 */
export async function resolveTargetEncoder(
  task: Task,
  schema: DatasetSchema,
  dataFile: string,
): Promise<TargetEncoder> {
  if (task !== 'binary') return (label) => String(label);
  const { positive, negative } = await resolveTargetClasses(schema, dataFile);
  return (label) => (label === 1 ? positive : negative);
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
