import { categoriesRule } from './categories-rule.js';
import { duplicateIdsRule } from './duplicate-ids-rule.js';
import { missingRule } from './missing-rule.js';
import { rangeRule } from './range-rule.js';
import { rowCountRule } from './row-count-rule.js';
import { targetRule } from './target-rule.js';
import { typeRule } from './type-rule.js';
import { uniqueRule } from './unique-rule.js';
import type { ValidationRule } from './validation-rule.js';

/** Every rule `validateDataset` applies, in report order. Adding a rule takes a file and a line. */
export const validationRules: readonly ValidationRule[] = [
  rowCountRule,
  targetRule,
  duplicateIdsRule,
  typeRule,
  missingRule,
  rangeRule,
  categoriesRule,
  uniqueRule,
];
