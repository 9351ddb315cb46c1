import type { ColumnSchema, DatasetSchema } from '@modelship/data-validation';
import type { ModelInputBinding, ModelInputElementType } from '@modelship/features';
import { ImportError } from './import-error.js';
import type { OnnxModelDescription, OnnxValue } from './read-onnx-model.js';
import { formatValueType } from './read-onnx-model.js';

/** The schema's feature columns each model input takes, and what the model leaves unused. */
export interface InputBindings {
  bindings: ModelInputBinding[];
  /** The feature columns the bindings take, in the schema's order. */
  columns: ColumnSchema[];
  /** Feature columns of an inferred schema that no input takes (they become `ignore`). */
  unused: string[];
}

/** The input element types each schema column type can provide. */
const PROVIDES: Readonly<Record<ColumnSchema['type'], readonly ModelInputElementType[]>> = {
  number: ['float', 'double'],
  integer: ['float', 'double', 'int64', 'int32'],
  // skl2onnx types a DataFrame's boolean column as text when it is one-hot encoded.
  boolean: ['float', 'double', 'int64', 'int32', 'bool', 'string'],
  categorical: ['string'],
  string: ['string'],
  datetime: [],
};

const NUMERIC_TYPES: ReadonlySet<ColumnSchema['type']> = new Set(['number', 'integer', 'boolean']);
const ELEMENT_TYPES: ReadonlySet<string> = new Set([
  'float',
  'double',
  'int64',
  'int32',
  'bool',
  'string',
]);

/**
 * Maps the dataset's feature columns to the model's inputs, by name (one [N, 1] input per column,
 * as skl2onnx pipelines take them) or, for a model with one float tensor [N, F] whose name is
 * no column's, every numeric feature column in the schema's order. Every input must be fed and,
 * with a schema the user wrote, every feature column used; an inferred schema's feature columns
 * no input takes are left out.
 * @throws ImportError naming the model file, the input and the column
 */
export function bindModelInputs(
  model: OnnxModelDescription,
  schema: DatasetSchema,
  options: { schemaInferred: boolean },
): InputBindings {
  const byName = new Map(schema.columns.map((column) => [column.name, column]));
  const features = schema.columns.filter(
    (column) => column.role === 'feature' && column.name !== schema.target.column,
  );
  const [only] = model.inputs;
  const named = model.inputs.some((input) => byName.has(input.name));
  if (model.inputs.length === 1 && only && !named) {
    return bindFeatureTensor(model, only, features, options);
  }
  const bindings = model.inputs.map((input) =>
    bindColumnInput(model, input, byName.get(input.name), schema),
  );
  const taken = new Set(bindings.map((binding) => binding.name));
  const unused = features.filter((column) => !taken.has(column.name)).map((column) => column.name);
  if (unused.length > 0 && !options.schemaInferred) {
    throw new ImportError({
      code: 'E_IMPORT_COLUMN_UNUSED',
      file: model.file,
      column: unused[0],
      problem: `the schema declares feature column${unused.length === 1 ? '' : 's'} ${unused.map((c) => `"${c}"`).join(', ')} but the model has no input of that name (its inputs: ${listInputs(model)})`,
      fix: 'set the role of columns the model does not use to "ignore" in the schema, or export the model with them',
    });
  }
  return { bindings, columns: features.filter((column) => taken.has(column.name)), unused };
}

// --- internal ---

function bindColumnInput(
  model: OnnxModelDescription,
  input: OnnxValue,
  column: ColumnSchema | undefined,
  schema: DatasetSchema,
): ModelInputBinding {
  if (!column) {
    throw new ImportError({
      code: 'E_IMPORT_INPUT_UNMATCHED',
      file: model.file,
      input: input.name,
      problem: `the model input "${input.name}" matches no column of the data (columns: ${schema.columns.map((c) => c.name).join(', ')})`,
      fix: 'rename the column in the CSV (and schema), or export the model with input names equal to the column names',
    });
  }
  if (column.role !== 'feature' || column.name === schema.target.column) {
    throw new ImportError({
      code: 'E_IMPORT_INPUT_UNMATCHED',
      file: model.file,
      input: input.name,
      column: column.name,
      problem: `the model input "${input.name}" would take column "${column.name}", whose role in the schema is ${column.name === schema.target.column ? 'target' : column.role}`,
      fix: 'a model may take feature columns only: set the column\'s role to "feature" in the schema, or export the model without that input',
    });
  }
  const elementType = readElementType(model, input, column.name);
  if (!PROVIDES[column.type].includes(elementType)) {
    throw new ImportError({
      code: 'E_IMPORT_INPUT_TYPE',
      file: model.file,
      input: input.name,
      column: column.name,
      problem: `the model input is ${elementType} but the column is ${column.type}, which provides ${PROVIDES[column.type].join(' or ') || 'no model input type'}`,
      fix:
        column.type === 'number' && (elementType === 'int64' || elementType === 'int32')
          ? 'declare the column `integer` in the schema when it holds whole numbers only, or export the model with a float input'
          : "correct the column's type in the schema, or export the model with an input type that fits the column",
    });
  }
  checkShape(model, input, 1, column.name);
  return { name: input.name, elementType, columns: [column.name] };
}

function bindFeatureTensor(
  model: OnnxModelDescription,
  input: OnnxValue,
  features: readonly ColumnSchema[],
  options: { schemaInferred: boolean },
): InputBindings {
  const elementType = readElementType(model, input, undefined);
  const numeric = features.filter((column) => NUMERIC_TYPES.has(column.type));
  const other = features.filter((column) => !NUMERIC_TYPES.has(column.type));
  if (elementType !== 'float' && elementType !== 'double') {
    throw new ImportError({
      code: 'E_IMPORT_INPUT_UNMATCHED',
      file: model.file,
      input: input.name,
      problem: `the model's one input "${input.name}" (${formatValueType(input.type)}) matches no column, and only a float or double tensor is read as every numeric feature in the schema's order`,
      fix: 'export the model with one input named after each column, or with one float tensor of the numeric features',
    });
  }
  if (other.length > 0 && !options.schemaInferred) {
    throw new ImportError({
      code: 'E_IMPORT_COLUMN_UNUSED',
      file: model.file,
      input: input.name,
      column: other[0]?.name,
      problem: `the model takes one ${elementType} tensor of numeric features, but the schema also declares ${other.map((c) => `"${c.name}" (${c.type})`).join(', ')} as feature${other.length === 1 ? '' : 's'}`,
      fix: 'set the role of columns the model does not use to "ignore" in the schema, or export the model with one input per column',
    });
  }
  checkShape(model, input, numeric.length, undefined);
  return {
    bindings: [{ name: input.name, elementType, columns: numeric.map((column) => column.name) }],
    columns: numeric,
    unused: other.map((column) => column.name),
  };
}

function readElementType(
  model: OnnxModelDescription,
  input: OnnxValue,
  column: string | undefined,
): ModelInputElementType {
  const type = input.type;
  if (type.kind !== 'tensor' || !ELEMENT_TYPES.has(type.elementType)) {
    throw new ImportError({
      code: 'E_IMPORT_INPUT_TYPE',
      file: model.file,
      input: input.name,
      ...(column === undefined ? {} : { column }),
      problem: `the model input is ${formatValueType(type)}; import feeds tensors of float, double, int64, int32, bool or string`,
      fix: 'export the model with inputs of one of those types',
    });
  }
  return type.elementType as ModelInputElementType;
}

// [batch, width]: the batch dynamic, every other dimension fixed.
function checkShape(
  model: OnnxModelDescription,
  input: OnnxValue,
  width: number,
  /** The one column a per-column input takes; a feature tensor's columns are all the numeric ones. */
  column: string | undefined,
): void {
  const shape = input.type.kind === 'tensor' ? input.type.shape : null;
  const fail = (problem: string, fix: string): never => {
    throw new ImportError({
      code: 'E_IMPORT_INPUT_SHAPE',
      file: model.file,
      input: input.name,
      ...(column === undefined ? {} : { column }),
      problem,
      fix,
    });
  };
  const shown = formatValueType(input.type);
  if (shape === null || shape.length !== 2) {
    fail(
      `the model input is ${shown}; import feeds [batch, ${width}] tensors`,
      `export the input with shape [None, ${width}]`,
    );
  }
  const [batch, second] = shape as [number | string, number | string];
  if (typeof second === 'string') {
    fail(
      `the model input ${shown} has a dynamic dimension other than the batch (${second})`,
      `export the input with a fixed second dimension of ${width}`,
    );
  }
  if (typeof batch === 'number') {
    fail(
      `the model input ${shown} has a fixed batch dimension of ${batch}`,
      'export the model with a dynamic batch axis (skl2onnx: [None, ...]; torch.onnx.export: dynamic_axes={name: {0: "batch"}})',
    );
  }
  if (second !== width) {
    fail(
      `the model input ${shown} takes ${String(second)} value${second === 1 ? '' : 's'} per row, and the data provides ${width}`,
      width === 1
        ? `export the input with shape [None, 1]`
        : `list exactly the ${String(second)} numeric features the model was trained on as features in the schema, in the training order`,
    );
  }
}

function listInputs(model: OnnxModelDescription): string {
  return model.inputs.map((input) => `${input.name} ${formatValueType(input.type)}`).join(', ');
}
