import type { ColumnSchema, DatasetSchema, ReferenceStats } from '@modelship/data-validation';
import type { ColumnTransform, FeatureSpec } from '@modelship/features';

/**
 * A realistic instance for docs and the start-up curl: each input column's typical training
 * value (median, most frequent category, most common boolean), kept inside the input schema's
 * min/max and categories, integers rounded. A trained model's feature spec holds those values;
 * an imported model's raw number columns take theirs from the bundle's reference statistics
 * when given (else 0 within the schema's range, or false).
 */
export function buildExampleRow(
  spec: FeatureSpec,
  schema: DatasetSchema,
  reference?: ReferenceStats,
): Record<string, unknown> {
  const byName = new Map(schema.columns.map((column) => [column.name, column]));
  const integers = new Set(
    (spec.modelInputs ?? [])
      .filter((binding) => ['int64', 'int32', 'bool'].includes(binding.elementType))
      .flatMap((binding) => binding.columns),
  );
  const typical = (column: string) => readTypicalValue(reference, column);
  return Object.fromEntries(
    spec.columns.map((transform) => {
      const column = byName.get(transform.column);
      const integer = column?.type === 'integer' || integers.has(transform.column);
      return [transform.column, exampleValue(transform, column, integer, typical)];
    }),
  );
}

/** A ready-to-paste curl for POST /predict with the example row. */
export function formatPredictCurl(url: string, row: Record<string, unknown>): string {
  const body = JSON.stringify(row).replace(/'/g, `'\\''`);
  return `curl -s ${url}/predict -H 'Content-Type: application/json' -d '${body}'`;
}

// --- internal ---

function exampleValue(
  transform: ColumnTransform,
  column: ColumnSchema | undefined,
  integer: boolean,
  typical: (column: string) => number | boolean | undefined,
): unknown {
  switch (transform.kind) {
    case 'numeric':
      return toNumberInRange(transform.median, column, integer);
    case 'raw-number': {
      const value = typical(transform.column);
      if (transform.boolean) return typeof value === 'boolean' ? value : false;
      return toNumberInRange(typeof value === 'number' ? value : 0, column, integer);
    }
    case 'boolean':
      return transform.fill === 1;
    case 'categorical':
    case 'raw-string': {
      const allowed = column?.categories;
      return (
        transform.vocabulary.find((value) => !allowed || allowed.includes(value)) ??
        allowed?.[0] ??
        null
      );
    }
  }
}

function toNumberInRange(value: number, column: ColumnSchema | undefined, integer: boolean) {
  let inRange = value;
  if (column?.min !== undefined) inRange = Math.max(inRange, column.min);
  if (column?.max !== undefined) inRange = Math.min(inRange, column.max);
  return integer ? Math.round(inRange) : Math.round(inRange * 100) / 100;
}

// The median of a numeric reference (its quantile nearest half the values), or whether most
// values of a boolean one are true.
function readTypicalValue(
  reference: ReferenceStats | undefined,
  column: string,
): number | boolean | undefined {
  const feature = reference?.features.find((candidate) => candidate.name === column);
  if (!feature) return undefined;
  if (feature.kind === 'categorical') return feature.categories[0] === 'true';
  const index = feature.cdf.findIndex((share) => share >= 0.5);
  return feature.quantiles[index] ?? feature.mean;
}
