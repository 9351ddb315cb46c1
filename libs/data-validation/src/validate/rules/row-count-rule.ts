import { CheckTally } from './check-tally.js';
import type { ValidationRule } from './validation-rule.js';

/** The number of data rows lies within the schema's `dataset.minRows` and `dataset.maxRows`. */
export const rowCountRule: ValidationRule = {
  id: 'row-count',
  plan: ({ schema, maxExamples }) => {
    const { minRows, maxRows } = schema.dataset ?? {};
    if (minRows === undefined && maxRows === undefined) return [];
    const tally = new CheckTally('row-count', undefined, maxExamples);
    const range = `[${minRows ?? 0}, ${maxRows ?? 'inf'}]`;
    return [
      {
        finish: ({ rows }) => {
          const passed = rows >= (minRows ?? 0) && rows <= (maxRows ?? Infinity);
          return tally.result({
            description: `row count within ${range}`,
            checked: rows,
            passed,
            message: passed ? 'ok' : `${rows} rows, expected ${range}`,
          });
        },
      },
    ];
  },
};
