import { CheckTally } from './check-tally.js';
import type { ValidationRule } from './validation-rule.js';

/** Every non-missing value parses as the column's type (integer, number, boolean, datetime...). */
export const typeRule: ValidationRule = {
  id: 'type',
  plan: ({ schema, maxExamples }) =>
    schema.columns
      .filter((column) => column.type !== 'string' && column.type !== 'categorical')
      .map((column) => {
        const tally = new CheckTally('type', column.name, maxExamples);
        return {
          column,
          onInvalid: (raw, line) => tally.fail(line, raw),
          finish: ({ rows, missing }) =>
            tally.result({
              description: `values are ${column.type}`,
              checked: rows - missing,
              message:
                tally.failures === 0
                  ? undefined
                  : `${tally.failures} values are not ${column.type}`,
            }),
        };
      }),
};
