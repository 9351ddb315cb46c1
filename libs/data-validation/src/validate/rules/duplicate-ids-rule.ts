import { createDistinctCheck } from './unique-rule.js';
import type { ValidationRule } from './validation-rule.js';

/** No two rows share an id (every column with role id). */
export const duplicateIdsRule: ValidationRule = {
  id: 'duplicate-ids',
  plan: ({ schema, maxExamples }) =>
    schema.columns
      .filter((column) => column.role === 'id')
      .map((column) => createDistinctCheck('duplicate-ids', column, maxExamples)),
};
