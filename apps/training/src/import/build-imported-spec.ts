import type { DatasetSchema } from '@modelship/data-validation';
import { DEFAULT_BOOLEAN_VALUES, DEFAULT_MISSING_VALUES } from '@modelship/data-validation';
import type { ColumnTransform, FeatureSpec, RawRow } from '@modelship/features';
import { FEATURE_SPEC_VERSION, parseCategory } from '@modelship/features';
import type { InputBindings } from './bind-model-inputs.js';
import type { OnnxModelDescription } from './read-onnx-model.js';

/**
 * The feature spec of an imported model: each bound column passed raw (numbers as themselves,
 * booleans as 0/1, whatever a string input takes as text through a vocabulary), and the model's
 * input bindings. A text column's
 * vocabulary holds the schema's categories, every value of the sample and the categories the
 * model's own OneHotEncoder knows for it, so no value the model knows ever reaches it as unknown.
 */
export function buildImportedSpec(
  schema: DatasetSchema,
  { bindings, columns }: InputBindings,
  rows: readonly RawRow[],
  model: OnnxModelDescription,
): FeatureSpec {
  const missingValues = [...(schema.missingValues ?? DEFAULT_MISSING_VALUES)];
  const missing = new Set(missingValues);
  const text = new Set(
    bindings.filter((b) => b.elementType === 'string').flatMap((b) => b.columns),
  );
  const transforms: ColumnTransform[] = columns.map((column) => {
    if (text.has(column.name)) {
      const values = new Set<string>(column.categories ?? []);
      for (const category of readEncoderCategories(model, column.name)) values.add(category);
      for (const row of rows) {
        const value = parseCategory(column.name, row[column.name] ?? null, missing);
        if (value !== null) values.add(value);
      }
      return { kind: 'raw-string', column: column.name, vocabulary: [...values].sort() };
    }
    return column.type === 'boolean'
      ? { kind: 'raw-number', column: column.name, boolean: true }
      : { kind: 'raw-number', column: column.name };
  });
  return {
    specVersion: FEATURE_SPEC_VERSION,
    columns: transforms,
    excluded: [],
    featureNames: transforms.map((transform) => transform.column),
    width: transforms.length,
    missingValues,
    booleanValues: {
      true: [...(schema.booleanValues?.true ?? DEFAULT_BOOLEAN_VALUES.true)],
      false: [...(schema.booleanValues?.false ?? DEFAULT_BOOLEAN_VALUES.false)],
    },
    fittedRows: rows.length,
    modelInputs: bindings,
  };
}

// --- internal ---

// The `cats_strings` of every ai.onnx.ml OneHotEncoder reading the input named after the column.
function readEncoderCategories(model: OnnxModelDescription, input: string): string[] {
  const categories: string[] = [];
  for (const node of model.proto.graph?.node ?? []) {
    if (node.opType !== 'OneHotEncoder' || !(node.input ?? []).includes(input)) continue;
    for (const attribute of node.attribute ?? []) {
      if (attribute.name !== 'cats_strings') continue;
      for (const bytes of attribute.strings ?? [])
        categories.push(Buffer.from(bytes).toString('utf8'));
    }
  }
  return categories;
}
