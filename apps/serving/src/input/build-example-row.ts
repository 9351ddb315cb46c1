import type { ColumnSchema, DatasetSchema } from '@modelship/data-validation';
import type { ColumnTransform, FeatureSpec } from '@modelship/features';

/**
 * A realistic instance for docs and the start-up curl: each input column's typical training
 * value from the feature spec (median, most frequent category, most common boolean), kept
 * inside the input schema's min/max and categories, integers rounded.
 */
export function buildExampleRow(spec: FeatureSpec, schema: DatasetSchema): Record<string, unknown> {
  const byName = new Map(schema.columns.map((column) => [column.name, column]));
  return Object.fromEntries(
    spec.columns.map((transform) => [
      transform.column,
      exampleValue(transform, byName.get(transform.column)),
    ]),
  );
}

function exampleValue(transform: ColumnTransform, column: ColumnSchema | undefined): unknown {
  switch (transform.kind) {
    case 'numeric': {
      let value = transform.median;
      if (column?.min !== undefined) value = Math.max(value, column.min);
      if (column?.max !== undefined) value = Math.min(value, column.max);
      return column?.type === 'integer' ? Math.round(value) : Math.round(value * 100) / 100;
    }
    case 'boolean':
      return transform.fill === 1;
    case 'categorical': {
      const allowed = column?.categories;
      return (
        transform.vocabulary.find((value) => !allowed || allowed.includes(value)) ??
        allowed?.[0] ??
        null
      );
    }
  }
}

/** A ready-to-paste curl for POST /predict with the example row. */
export function formatPredictCurl(url: string, row: Record<string, unknown>): string {
  const body = JSON.stringify(row).replace(/'/g, `'\\''`);
  return `curl -s ${url}/predict -H 'Content-Type: application/json' -d '${body}'`;
}
