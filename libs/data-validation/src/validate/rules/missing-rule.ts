import { CheckTally, formatShare } from './check-tally.js';
import type { ValidationRule } from './validation-rule.js';

/**
 * Non-nullable columns have no missing values; nullable ones stay under `maxMissingShare`. Only
 * the columns the model reads (features and the target) are held to it: id and ignore columns
 * are never model inputs, the service refuses them, so rows labelled in production (continuous
 * training's feedback) cannot carry them.
 */
export const missingRule: ValidationRule = {
  id: 'missing',
  plan: ({ schema, maxExamples }) =>
    schema.columns
      .filter((column) => column.role === 'feature' || column.role === 'target')
      .filter((column) => column.nullable === false || column.maxMissingShare !== undefined)
      .map((column) => {
        const tally = new CheckTally('missing', column.name, maxExamples);
        const limit = column.nullable === false ? 0 : (column.maxMissingShare ?? 1);
        return {
          column,
          onMissing: (line) => tally.fail(line, ''),
          finish: ({ rows, missing }) => {
            const passed = missing <= limit * rows;
            return tally.result({
              description:
                limit === 0 ? 'no missing values' : `at most ${formatShare(limit, 1)} missing`,
              checked: rows,
              passed,
              message: passed
                ? 'ok'
                : `${missing} missing values (${formatShare(missing, rows)}), allowed ${formatShare(limit, 1)}`,
            });
          },
        };
      }),
};
