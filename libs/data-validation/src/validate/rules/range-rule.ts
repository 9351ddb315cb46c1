import { CheckTally } from './check-tally.js';
import type { ValidationRule } from './validation-rule.js';

/** Values of number and integer columns lie within the inclusive [min, max]. */
export const rangeRule: ValidationRule = {
  id: 'range',
  plan: ({ schema, maxExamples }) =>
    schema.columns
      .filter((column) => column.min !== undefined || column.max !== undefined)
      .map((column) => {
        const min = column.min ?? -Infinity;
        const max = column.max ?? Infinity;
        const tally = new CheckTally('range', column.name, maxExamples);
        let checked = 0;
        return {
          column,
          onValue: (value, raw, line) => {
            checked += 1;
            if ((value as number) < min || (value as number) > max) tally.fail(line, raw);
          },
          finish: () =>
            tally.result({
              description: `values within [${column.min ?? '-inf'}, ${column.max ?? 'inf'}]`,
              checked,
              message:
                tally.failures === 0
                  ? undefined
                  : `${tally.failures} values outside [${column.min ?? '-inf'}, ${column.max ?? 'inf'}]`,
            }),
        };
      }),
};
