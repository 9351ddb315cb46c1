import { CheckTally } from './check-tally.js';
import type { ValidationRule } from './validation-rule.js';

/** Values of categorical columns are among the listed categories. */
export const categoriesRule: ValidationRule = {
  id: 'categories',
  plan: ({ schema, maxExamples }) =>
    schema.columns
      .filter((column) => column.type === 'categorical' && column.categories !== undefined)
      .map((column) => {
        const allowed = new Set(column.categories);
        const unknown = new Set<string>();
        const tally = new CheckTally('categories', column.name, maxExamples);
        let checked = 0;
        return {
          column,
          onValue: (_value, raw, line) => {
            checked += 1;
            if (allowed.has(raw)) return;
            tally.fail(line, raw);
            if (unknown.size < 10) unknown.add((' ' + raw).slice(1));
          },
          finish: () =>
            tally.result({
              description: `values in {${[...allowed].join(', ')}}`,
              checked,
              message:
                tally.failures === 0
                  ? undefined
                  : `${tally.failures} values outside the categories, such as ${[...unknown].map((value) => `"${value}"`).join(', ')}`,
            }),
        };
      }),
};
