import type { ColumnSchema, DatasetSchema } from '@modelship/data-validation';
import { DEFAULT_MISSING_VALUES } from '@modelship/data-validation';
import type { FeatureSpec } from '@modelship/features';

/** What a request instance is checked against, compiled once per model version. */
export interface InstanceRules {
  /** Keys an instance may hold: the schema's feature, id and ignore columns. */
  allowed: ReadonlySet<string>;
  /** Names of the model's input columns, in spec order, for error messages. */
  inputs: readonly string[];
  /** Input columns the schema marks `nullable: false`. */
  required: readonly string[];
  /** Categorical input columns with the schema's allowed categories. */
  categories: readonly { column: string; allowed: ReadonlySet<string> }[];
  missingValues: ReadonlySet<string>;
}

const compiled = new WeakMap<FeatureSpec, InstanceRules>();

/** Compiles (once per feature spec) the checks a raw instance must pass before the transform. */
export function compileInstanceRules(spec: FeatureSpec, schema: DatasetSchema): InstanceRules {
  let rules = compiled.get(spec);
  if (rules) return rules;
  const byName = new Map<string, ColumnSchema>(
    schema.columns.map((column) => [column.name, column]),
  );
  const inputs = spec.columns.map((column) => column.column);
  rules = {
    allowed: new Set([
      ...inputs,
      ...schema.columns.filter((column) => column.role !== 'target').map((column) => column.name),
    ]),
    inputs,
    required: inputs.filter((name) => byName.get(name)?.nullable === false),
    categories: spec.columns.flatMap((column) => {
      const allowed = byName.get(column.column)?.categories;
      return column.kind === 'categorical' && allowed
        ? [{ column: column.column, allowed: new Set(allowed) }]
        : [];
    }),
    missingValues: new Set(schema.missingValues ?? spec.missingValues ?? DEFAULT_MISSING_VALUES),
  };
  compiled.set(spec, rules);
  return rules;
}
