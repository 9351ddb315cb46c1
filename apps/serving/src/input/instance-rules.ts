import type { ColumnSchema, DatasetSchema } from '@modelship/data-validation';
import { DEFAULT_MISSING_VALUES } from '@modelship/data-validation';
import type { FeatureSpec } from '@modelship/features';
import { getColumnFeatureNames } from '@modelship/features';
import { listKnownCategories, readColumnValueKind } from './column-values.js';

/** What a request instance is checked against, compiled once per model version. */
export interface InstanceRules {
  /** Keys an instance may hold: the schema's feature, id and ignore columns. */
  allowed: ReadonlySet<string>;
  /** Columns the schema marks `id`: accepted, not used, and echoed back in each answer. */
  ids: readonly string[];
  /** Names of the model's input columns, in spec order, for error messages. */
  inputs: readonly string[];
  /** Input columns the schema marks `nullable: false`. */
  required: readonly string[];
  /** Text input columns (categorical, or an imported model's) with the schema's categories. */
  categories: readonly { column: string; allowed: ReadonlySet<string> }[];
  missingValues: ReadonlySet<string>;
  /**
   * An imported model's text columns that the schema types boolean, with the spelling of false
   * and true its vocabulary knows (see spellBooleanText).
   */
  booleanText: readonly { column: string; spellings: readonly [string, string] }[];
  /** Number input columns: their values must fit the float32 matrix the model is fed from. */
  numeric: ReadonlySet<string>;
  /** Characters of the longest category the schema or the feature spec knows. */
  longestCategory: number;
  /** The raw column behind each position of the model's input vector. */
  columnAt: readonly string[];
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
    ids: schema.columns.filter((column) => column.role === 'id').map((column) => column.name),
    inputs,
    required: inputs.filter((name) => byName.get(name)?.nullable === false),
    categories: spec.columns.flatMap((column) => {
      const allowed = byName.get(column.column)?.categories;
      return readColumnValueKind(column) === 'text' && allowed
        ? [{ column: column.column, allowed: new Set(allowed) }]
        : [];
    }),
    missingValues: new Set(schema.missingValues ?? spec.missingValues ?? DEFAULT_MISSING_VALUES),
    booleanText: spec.columns.flatMap((column) =>
      column.kind === 'raw-string' && byName.get(column.column)?.type === 'boolean'
        ? [{ column: column.column, spellings: findSpellings(spec, column.vocabulary) }]
        : [],
    ),
    numeric: new Set(
      spec.columns.filter((c) => readColumnValueKind(c) === 'number').map((c) => c.column),
    ),
    longestCategory: [
      ...schema.columns.flatMap((column) => column.categories ?? []),
      ...spec.columns.flatMap(listKnownCategories),
    ].reduce((longest, category) => Math.max(longest, category.length), 0),
    columnAt: spec.columns.flatMap((column) =>
      getColumnFeatureNames(column).map(() => column.column),
    ),
  };
  compiled.set(spec, rules);
  return rules;
}

// --- internal ---

// The first spelling of false and of true that the column's vocabulary holds (else the first one).
function findSpellings(
  spec: FeatureSpec,
  vocabulary: readonly string[],
): readonly [string, string] {
  const pick = (spellings: readonly string[]) =>
    spellings.find((spelling) => vocabulary.includes(spelling)) ?? spellings[0] ?? '';
  return [pick(spec.booleanValues.false), pick(spec.booleanValues.true)];
}
