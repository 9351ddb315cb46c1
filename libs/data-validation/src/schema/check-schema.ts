import type { DatasetSchema } from './dataset-schema.js';
import { DATASET_SCHEMA_VERSION } from './dataset-schema.js';
import { checkColumn } from './_check-column.js';
import type { Json } from './_issue-collector.js';
import { IssueCollector, isObject } from './_issue-collector.js';
import { SchemaError } from './schema-error.js';

const SCHEMA_KEYS = [
  '$schema',
  'schemaVersion',
  'name',
  'target',
  'columns',
  'dataset',
  'missingValues',
  'booleanValues',
] as const;

function checkColumns(schema: Json, issues: IssueCollector): Json[] {
  const columns = schema['columns'];
  if (!Array.isArray(columns) || columns.length === 0) {
    issues.add(
      '$.columns',
      'expected a non-empty list of columns',
      'describe every CSV column (`modelship schema infer` writes them)',
    );
    return [];
  }
  const seen = new Set<unknown>();
  columns.forEach((column, index) => {
    checkColumn(column, `$.columns[${index}]`, issues);
    const name = isObject(column) ? column['name'] : undefined;
    if (seen.has(name))
      issues.add(
        `$.columns[${index}].name`,
        `"${String(name)}" is described twice`,
        'keep one entry per column',
      );
    seen.add(name);
  });
  return columns.filter(isObject);
}

function checkTarget(schema: Json, columns: Json[], issues: IssueCollector): void {
  const target = schema['target'];
  if (!isObject(target)) {
    issues.add(
      '$.target',
      'expected an object',
      'write {"column": ..., "kind": "binary", "positive": ...}',
    );
    return;
  }
  issues.checkKeys(target, '$.target', ['column', 'kind', 'positive']);
  issues.checkEnum(target['kind'], '$.target.kind', ['binary', 'multiclass', 'numeric']);
  issues.checkType(target['positive'], '$.target.positive', 'string');
  const column = columns.find((entry) => entry['name'] === target['column']);
  if (!column) {
    issues.add(
      '$.target.column',
      `${JSON.stringify(target['column'])} is not in columns`,
      'name one of the columns',
    );
  } else if (column['role'] !== 'target') {
    issues.add(
      '$.target.column',
      `column "${String(target['column'])}" has role ${JSON.stringify(column['role'])}`,
      'give the target column the role "target"',
    );
  }
  columns.forEach((entry, index) => {
    if (entry['role'] === 'target' && entry['name'] !== target['column']) {
      issues.add(
        `$.columns[${index}].role`,
        `"${String(entry['name'])}" has role target but the target is ${JSON.stringify(target['column'])}`,
        'use role feature, id or ignore',
      );
    }
  });
  checkTargetFitsKind(target, column, issues);
  if (
    target['kind'] === 'binary' &&
    typeof target['positive'] === 'string' &&
    Array.isArray(column?.['categories']) &&
    !(column['categories'] as string[]).includes(target['positive'])
  ) {
    issues.add(
      '$.target.positive',
      `"${target['positive']}" is not among the target's categories`,
      'use one of the categories',
    );
  }
}

// A positive class belongs to binary targets only; a numeric target must be a number column.
function checkTargetFitsKind(target: Json, column: Json | undefined, issues: IssueCollector): void {
  const kind = target['kind'];
  if (kind !== 'binary' && kind !== undefined && target['positive'] !== undefined) {
    issues.add(
      '$.target.positive',
      `a ${String(kind)} target has no positive class`,
      'remove target.positive, or set target.kind to "binary" (and `task: binary` in params.yaml)',
    );
  }
  const type = column?.['type'];
  if (kind === 'numeric' && typeof type === 'string' && type !== 'number' && type !== 'integer') {
    issues.add(
      '$.target.kind',
      `a numeric (regression) target needs a number or integer column, and "${String(target['column'])}" is ${type}`,
      'set target.kind to "multiclass" or "binary" (and `task:` in params.yaml to match) if the target names classes, or the column type to number',
    );
  }
}

function checkDataset(schema: Json, issues: IssueCollector): void {
  const dataset = schema['dataset'];
  if (dataset === undefined) return;
  if (!isObject(dataset))
    return issues.add('$.dataset', 'expected an object', 'write {"minRows": ..., "maxRows": ...}');
  issues.checkKeys(dataset, '$.dataset', ['minRows', 'maxRows']);
  for (const key of ['minRows', 'maxRows']) {
    const value = dataset[key];
    if (value !== undefined && !(Number.isSafeInteger(value) && (value as number) >= 0)) {
      issues.add(
        `$.dataset.${key}`,
        `expected a whole number >= 0, got ${JSON.stringify(value)}`,
        'write a row count',
      );
    }
  }
  if (
    typeof dataset['minRows'] === 'number' &&
    typeof dataset['maxRows'] === 'number' &&
    dataset['minRows'] > dataset['maxRows']
  ) {
    issues.add(
      '$.dataset.minRows',
      `minRows (${dataset['minRows']}) is greater than maxRows (${dataset['maxRows']})`,
      'swap the two bounds',
    );
  }
}

function checkValueLists(schema: Json, issues: IssueCollector): void {
  issues.checkStringList(schema['missingValues'], '$.missingValues');
  const booleans = schema['booleanValues'];
  if (booleans === undefined) return;
  if (!isObject(booleans))
    return issues.add(
      '$.booleanValues',
      'expected an object',
      'write {"true": [...], "false": [...]}',
    );
  const yes = issues.checkStringList(booleans['true'], '$.booleanValues.true')
    ? (booleans['true'] as string[])
    : [];
  const no = issues.checkStringList(booleans['false'], '$.booleanValues.false')
    ? (booleans['false'] as string[])
    : [];
  const both = yes.find((value) => no.includes(value));
  if (both !== undefined)
    issues.add('$.booleanValues', `"${both}" is listed as both true and false`, 'list it once');
}

/**
 * Checks parsed JSON against the dataset schema format and returns it typed.
 * @throws SchemaError listing every problem with its JSON path and a fix.
 */
export function checkSchema(value: unknown, file = 'schema'): DatasetSchema {
  const issues = new IssueCollector();
  if (!isObject(value)) {
    issues.add(
      '$',
      'expected a JSON object',
      'start from `modelship schema infer <csv> --target <column>`',
    );
    throw new SchemaError(file, issues.issues);
  }
  issues.checkKeys(value, '$', SCHEMA_KEYS);
  if (value['schemaVersion'] !== DATASET_SCHEMA_VERSION) {
    issues.add(
      '$.schemaVersion',
      `expected ${DATASET_SCHEMA_VERSION}, got ${JSON.stringify(value['schemaVersion'])}`,
      `write "schemaVersion": ${DATASET_SCHEMA_VERSION} (files from a newer modelship need that version)`,
    );
  }
  if (typeof value['name'] !== 'string' || value['name'] === '')
    issues.add('$.name', 'expected a non-empty string', 'name the dataset');
  const columns = checkColumns(value, issues);
  checkTarget(value, columns, issues);
  checkDataset(value, issues);
  checkValueLists(value, issues);
  if (issues.issues.length > 0) throw new SchemaError(file, issues.issues);
  return value as unknown as DatasetSchema;
}
