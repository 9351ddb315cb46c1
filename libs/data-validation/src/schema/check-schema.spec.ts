import { describe, expect, it } from '@jest/globals';
import { checkSchema } from './check-schema.js';
import { SchemaError } from './schema-error.js';

const valid = {
  schemaVersion: 1,
  name: 'churn',
  target: { column: 'y', kind: 'binary', positive: '1' },
  columns: [
    { name: 'id', type: 'string', role: 'id', unique: true },
    { name: 'age', type: 'integer', role: 'feature', min: 0, max: 120 },
    { name: 'plan', type: 'categorical', role: 'feature', categories: ['a', 'b'] },
    { name: 'y', type: 'integer', role: 'target', nullable: false },
  ],
};

function issuesOf(edit: (schema: typeof valid & Record<string, unknown>) => void): string[] {
  const schema = structuredClone(valid) as typeof valid & Record<string, unknown>;
  edit(schema);
  try {
    checkSchema(schema, 'schema.json');
  } catch (error) {
    expect(error).toBeInstanceOf(SchemaError);
    return (error as SchemaError).issues.map(
      (issue) => `${issue.path}: ${issue.problem}. Fix: ${issue.fix}`,
    );
  }
  return [];
}

describe('checkSchema', () => {
  it('accepts a well-formed schema and returns it', () => {
    expect(checkSchema(structuredClone(valid))).toEqual(valid);
  });

  it('names the JSON path and a fix for every problem', () => {
    expect({
      type: issuesOf((s) => (s.columns[1].type = 'int')),
      role: issuesOf((s) => (s.columns[1].role = 'input')),
      target: issuesOf((s) => (s.target.column = 'label')),
      bounds: issuesOf((s) => Object.assign(s.columns[1], { min: 10, max: 5 })),
      typo: issuesOf((s) => Object.assign(s.columns[1], { nullabel: true })),
      share: issuesOf((s) => Object.assign(s.columns[1], { maxMissingShare: 5 })),
      categories: issuesOf((s) => Object.assign(s.columns[2], { categories: undefined })),
      version: issuesOf((s) => (s.schemaVersion = 2)),
      rows: issuesOf((s) => (s.dataset = { minRows: 10, maxRows: 1 })),
      positive: issuesOf((s) => (s.target.kind = 'multiclass')),
      numeric: issuesOf((s) => {
        s.target = { column: 'y', kind: 'numeric' } as typeof s.target;
        s.columns[3].type = 'categorical';
        Object.assign(s.columns[3], { categories: ['low', 'high'] });
      }),
    }).toMatchInlineSnapshot(`
      {
        "bounds": [
          "$.columns[1].min: min (10) is greater than max (5). Fix: swap the two bounds",
        ],
        "categories": [
          "$.columns[2].categories: a categorical column needs its list of categories. Fix: list the allowed values, or change the type to string",
        ],
        "numeric": [
          "$.target.kind: a numeric (regression) target needs a number or integer column, and "y" is categorical. Fix: set target.kind to "multiclass" or "binary" (and \`task:\` in params.yaml to match) if the target names classes, or the column type to number",
        ],
        "positive": [
          "$.target.positive: a multiclass target has no positive class. Fix: remove target.positive, or set target.kind to "binary" (and \`task: binary\` in params.yaml)",
        ],
        "role": [
          "$.columns[1].role: unknown value "input". Fix: use one of feature, target, id, ignore",
        ],
        "rows": [
          "$.dataset.minRows: minRows (10) is greater than maxRows (1). Fix: swap the two bounds",
        ],
        "share": [
          "$.columns[1].maxMissingShare: 5 is not a share between 0 and 1. Fix: write a number from 0 to 1 (0.05 is 5%)",
        ],
        "target": [
          "$.target.column: "label" is not in columns. Fix: name one of the columns",
          "$.columns[3].role: "y" has role target but the target is "label". Fix: use role feature, id or ignore",
        ],
        "type": [
          "$.columns[1].type: unknown value "int". Fix: use one of number, integer, categorical, boolean, string, datetime",
          "$.columns[1].min: bounds apply to number and integer columns, not int. Fix: remove min and max, or change the type",
        ],
        "typo": [
          "$.columns[1].nullabel: unknown key. Fix: use "nullable" (allowed: name, type, role, nullable, maxMissingShare, min, max, categories, unique, description)",
        ],
        "version": [
          "$.schemaVersion: expected 1, got 2. Fix: write "schemaVersion": 1 (files from a newer modelship need that version)",
        ],
      }
    `);
  });

  it('reports every problem at once, not only the first', () => {
    const error = (() => {
      try {
        checkSchema({ schemaVersion: 1, name: '', target: {}, columns: [] }, 'bad.json');
      } catch (caught) {
        return caught as SchemaError;
      }
      throw new Error('expected a SchemaError');
    })();
    expect(error.code).toBe('E_SCHEMA');
    expect(error.issues.map((issue) => issue.path)).toEqual([
      '$.name',
      '$.columns',
      '$.target.kind',
      '$.target.column',
    ]);
  });
});
