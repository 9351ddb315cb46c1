import type { DatasetSchema } from './dataset-schema.js';

/** The schema with `column` as its target, so params.yaml `data.target` wins over the file. */
export function withTargetColumn(schema: DatasetSchema, column: string | undefined): DatasetSchema {
  if (!column || column === schema.target.column) return schema;
  const { positive: _positive, ...target } = schema.target;
  return { ...schema, target: { ...target, column } };
}
