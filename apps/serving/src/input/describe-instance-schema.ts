import type { DatasetSchema } from '@modelship/data-validation';
import type { JsonSchema } from '@modelship/serving-contract';
import { PredictInstance } from '@modelship/serving-contract';

const SCHEMA_TYPES: Record<string, JsonSchema> = {
  number: { type: ['number', 'string'] },
  integer: { type: ['number', 'string'] },
  boolean: { type: ['boolean', 'string'] },
  categorical: { type: 'string' },
  string: { type: 'string' },
  datetime: { type: 'string' },
};

/**
 * The model-specific part of the contract: one /predict instance as the loaded model's input
 * schema has it (feature names, types, nullability, categories, ranges); any object without one.
 */
export function describeInstanceSchema(schema: DatasetSchema | undefined): JsonSchema {
  if (!schema) return { ...PredictInstance };
  const columns = schema.columns.filter((column) => column.role !== 'target');
  return {
    type: 'object',
    additionalProperties: false,
    required: columns.filter((column) => column.role === 'feature').map((column) => column.name),
    properties: Object.fromEntries(
      columns.map((column) => {
        const base = SCHEMA_TYPES[column.type] ?? {};
        const type = column.nullable === false ? base['type'] : [base['type'], 'null'].flat();
        return [
          column.name,
          {
            ...base,
            type,
            ...(column.description ? { description: column.description } : {}),
            ...(column.categories ? { examples: column.categories } : {}),
            ...(column.min !== undefined ? { minimum: column.min } : {}),
            ...(column.max !== undefined ? { maximum: column.max } : {}),
          },
        ];
      }),
    ),
  };
}
