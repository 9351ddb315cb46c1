import type { DatasetSchema } from './dataset-schema.js';

/** CSV texts read as missing when the schema does not say. */
export const DEFAULT_MISSING_VALUES = ['', 'NA', 'NaN', 'null'] as const;

/** CSV texts read as booleans when the schema does not say (any letter case). */
export const DEFAULT_BOOLEAN_VALUES = {
  true: ['true', 't', 'yes', 'y'],
  false: ['false', 'f', 'no', 'n'],
} as const;

function withCases(values: readonly string[]): string[] {
  const out = new Set<string>();
  for (const value of values) {
    out.add(value);
    out.add(value.toLowerCase());
    out.add(value.toUpperCase());
    out.add(value.charAt(0).toUpperCase() + value.slice(1).toLowerCase());
  }
  return [...out];
}

/** The missing-value texts of a schema, as a set for fast lookups. */
export function getMissingValues(schema: Pick<DatasetSchema, 'missingValues'>): Set<string> {
  return new Set(schema.missingValues ?? DEFAULT_MISSING_VALUES);
}

/** The boolean texts of a schema, with their upper, lower and capitalised forms. */
export function getBooleanValues(schema: Pick<DatasetSchema, 'booleanValues'>): {
  true: Set<string>;
  false: Set<string>;
} {
  const values = schema.booleanValues ?? DEFAULT_BOOLEAN_VALUES;
  return { true: new Set(withCases(values.true)), false: new Set(withCases(values.false)) };
}
