import type { IssueCollector, Json } from './_issue-collector.js';
import { isObject } from './_issue-collector.js';
import { COLUMN_SCHEMA_KEYS } from './dataset-schema.js';

export const COLUMN_TYPES = [
  'number',
  'integer',
  'categorical',
  'boolean',
  'string',
  'datetime',
] as const;
export const COLUMN_ROLES = ['feature', 'target', 'id', 'ignore'] as const;

function checkBounds(column: Json, path: string, issues: IssueCollector): void {
  const hasMin = issues.checkType(column['min'], `${path}.min`, 'number');
  const hasMax = issues.checkType(column['max'], `${path}.max`, 'number');
  const numeric = column['type'] === 'number' || column['type'] === 'integer';
  if ((hasMin || hasMax) && !numeric) {
    issues.add(
      `${path}.${hasMin ? 'min' : 'max'}`,
      `bounds apply to number and integer columns, not ${String(column['type'])}`,
      'remove min and max, or change the type',
    );
  }
  if (hasMin && hasMax && (column['min'] as number) > (column['max'] as number)) {
    issues.add(
      `${path}.min`,
      `min (${String(column['min'])}) is greater than max (${String(column['max'])})`,
      'swap the two bounds',
    );
  }
}

function checkCategories(column: Json, path: string, issues: IssueCollector): void {
  const categories = column['categories'];
  if (!issues.checkStringList(categories, `${path}.categories`)) {
    if (categories === undefined && column['type'] === 'categorical') {
      issues.add(
        `${path}.categories`,
        'a categorical column needs its list of categories',
        'list the allowed values, or change the type to string',
      );
    }
    return;
  }
  if (column['type'] !== 'categorical') {
    issues.add(
      `${path}.categories`,
      `categories apply to categorical columns, not ${String(column['type'])}`,
      'remove categories, or change the type to categorical',
    );
  }
  const duplicate = categories.find((value, index) => categories.indexOf(value) !== index);
  if (duplicate !== undefined)
    issues.add(`${path}.categories`, `"${duplicate}" is listed twice`, 'list each category once');
  if (categories.length === 0)
    issues.add(`${path}.categories`, 'the list is empty', 'list the allowed values');
}

/** Checks one entry of `columns`, adding an issue for every problem found. */
export function checkColumn(column: unknown, path: string, issues: IssueCollector): void {
  if (!isObject(column)) {
    issues.add(path, 'expected an object', 'write {"name": ..., "type": ..., "role": ...}');
    return;
  }
  issues.checkKeys(column, path, COLUMN_SCHEMA_KEYS);
  if (typeof column['name'] !== 'string' || column['name'] === '') {
    issues.add(
      `${path}.name`,
      'a column needs a non-empty name',
      'write the CSV header of the column',
    );
  }
  issues.checkEnum(column['type'], `${path}.type`, COLUMN_TYPES);
  issues.checkEnum(column['role'], `${path}.role`, COLUMN_ROLES);
  issues.checkType(column['nullable'], `${path}.nullable`, 'boolean');
  issues.checkType(column['unique'], `${path}.unique`, 'boolean');
  issues.checkType(column['description'], `${path}.description`, 'string');
  const share = column['maxMissingShare'];
  if (
    issues.checkType(share, `${path}.maxMissingShare`, 'number') &&
    ((share as number) < 0 || (share as number) > 1)
  ) {
    issues.add(
      `${path}.maxMissingShare`,
      `${String(share)} is not a share between 0 and 1`,
      'write a number from 0 to 1 (0.05 is 5%)',
    );
  }
  checkBounds(column, path, issues);
  checkCategories(column, path, issues);
}
