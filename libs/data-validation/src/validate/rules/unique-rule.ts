import { CompactHashSet } from '../compact-hash-set.js';
import type { ColumnSchema } from '../../schema/dataset-schema.js';
import { CheckTally } from './check-tally.js';
import type { RuleCheck, ValidationRule } from './validation-rule.js';

/** A check that every non-missing value of a column is distinct (hashes only, see CompactHashSet). */
export function createDistinctCheck(
  rule: string,
  column: ColumnSchema,
  maxExamples: number,
): RuleCheck {
  const seen = new CompactHashSet();
  const tally = new CheckTally(rule, column.name, maxExamples);
  let checked = 0;
  return {
    column,
    onValue: (_value, raw, line) => {
      checked += 1;
      if (!seen.add(raw)) tally.fail(line, raw);
    },
    finish: () =>
      tally.result({
        description: rule === 'duplicate-ids' ? 'ids are distinct' : 'values are distinct',
        checked,
        message:
          tally.failures === 0 ? undefined : `${tally.failures} values repeat an earlier row`,
      }),
  };
}

/** Columns marked `unique` hold distinct values (id columns get the duplicate-ids check instead). */
export const uniqueRule: ValidationRule = {
  id: 'unique',
  plan: ({ schema, maxExamples }) =>
    schema.columns
      .filter((column) => column.unique === true && column.role !== 'id')
      .map((column) => createDistinctCheck('unique', column, maxExamples)),
};
