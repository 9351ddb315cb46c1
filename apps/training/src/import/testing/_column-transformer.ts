// scikit-learn's ColumnTransformer([('cat', OneHotEncoder(handle_unknown='ignore'), text columns),
// ('num', Pipeline([SimpleImputer(), StandardScaler()]), numeric columns)]): fitted here on raw
// rows, applied to raw rows for the fitters, and written as the nodes skl2onnx emits for it.
import type { DatasetSchema } from '@modelship/data-validation';
import type { RawRow } from '@modelship/features';
import { parseCategory, parseNumber } from '@modelship/features';
import type { FeatureMatrix } from '../../baseline/feature-matrix.js';
import type { OnnxNode, OnnxTensor, OnnxValueInfo } from '../../export/onnx-graph-parts.js';
import { createNode } from '../../export/onnx-graph-parts.js';
import type { ElementType } from './_ml-graph.js';
import {
  attribute,
  createCast,
  createInt64Tensor,
  createMlNode,
  createTensorInfo,
} from './_ml-graph.js';

/** A feature column and the graph input (named after it, [None, 1]) that takes it. */
export interface ColumnInput {
  column: string;
  /** `string` columns are one-hot encoded; the numeric ones imputed and scaled. */
  type: ElementType;
}

/** How a notebook's DataFrame types a numeric column: all float, or float64 and int64 as pandas reads them. */
export type NumberTypes = (type: DatasetSchema['columns'][number]['type']) => ElementType;
export const FLOATS: NumberTypes = () => 'float';
export const PANDAS_DTYPES: NumberTypes = (type) => (type === 'integer' ? 'int64' : 'double');

/** Number and integer columns. */
export const isNumeric = (column: DatasetSchema['columns'][number]) =>
  column.type === 'number' || column.type === 'integer';

/** One input per feature column in the schema's order: text, categorical and boolean columns as strings. */
export function toColumnInputs(schema: DatasetSchema, numberTypes: NumberTypes): ColumnInput[] {
  return schema.columns
    .filter((column) => column.role === 'feature' && column.name !== schema.target.column)
    .map((column) => ({
      column: column.name,
      type: isNumeric(column) ? numberTypes(column.type) : 'string',
    }));
}

/** The fitted transformer: sklearn's `categories_`, the imputer's means, the scaler's mean and std. */
export interface ColumnTransformer {
  categorical: { column: string; categories: string[] }[];
  numeric: { column: string; type: ElementType; mean: number; std: number }[];
  missingValues: ReadonlySet<string>;
  /** Width of the transformed matrix: every category, then every numeric column. */
  width: number;
}

/** The output of `createColumnTransformerNodes`: the matrix the estimator reads. */
export const TRANSFORMED = 'transformed_column';

/** Fits the transformer on training rows, as scikit-learn's fit does. */
export function fitColumnTransformer(
  rows: readonly RawRow[],
  inputs: readonly ColumnInput[],
  missingValues: ReadonlySet<string>,
): ColumnTransformer {
  const categorical = inputs
    .filter((input) => input.type === 'string')
    .map(({ column }) => {
      const seen = new Set<string>();
      for (const row of rows) {
        const value = parseCategory(column, row[column], missingValues);
        if (value !== null) seen.add(value);
      }
      // sklearn sorts the categories it finds.
      return { column, categories: [...seen].sort() };
    });
  const numeric = inputs
    .filter((input) => input.type !== 'string')
    .map(({ column, type }) => {
      const values = rows.map((row) => parseNumber(column, row[column], missingValues));
      const present = values.filter((value): value is number => value !== null);
      const mean = present.reduce((sum, value) => sum + value, 0) / Math.max(present.length, 1);
      // Imputed values equal the mean, so they add nothing to the spread but count in n (ddof 0).
      const variance =
        present.reduce((sum, value) => sum + (value - mean) ** 2, 0) / Math.max(values.length, 1);
      return { column, type, mean, std: variance > 0 ? Math.sqrt(variance) : 1 };
    });
  const width = categorical.reduce((sum, c) => sum + c.categories.length, 0) + numeric.length;
  return { categorical, numeric, missingValues, width };
}

/** What the transformer makes of raw rows: one-hot blocks (all zeros for missing or unknown text), then scaled numbers. */
export function applyColumnTransformer(
  transformer: ColumnTransformer,
  rows: readonly RawRow[],
): FeatureMatrix {
  const { categorical, numeric, missingValues, width } = transformer;
  const values = new Float64Array(rows.length * width);
  rows.forEach((row, r) => {
    let offset = r * width;
    for (const { column, categories } of categorical) {
      const value = parseCategory(column, row[column], missingValues);
      const index = value === null ? -1 : categories.indexOf(value);
      if (index >= 0) values[offset + index] = 1;
      offset += categories.length;
    }
    for (const { column, mean, std } of numeric) {
      const value = parseNumber(column, row[column], missingValues) ?? mean;
      values[offset] = (value - mean) / std;
      offset += 1;
    }
  });
  return { rows: rows.length, columns: width, values };
}

/** The graph's inputs: one per column, named after it, [None, 1]. */
export function createColumnInputs(inputs: readonly ColumnInput[]): OnnxValueInfo[] {
  return inputs.map(({ column, type }) => createTensorInfo(column, type, [null, 1]));
}

/**
 * skl2onnx's nodes for the transformer: per text input a OneHotEncoder ([N, 1, C]), the blocks
 * concatenated and reshaped to [N, categories]; the numeric inputs cast to float where they are
 * not, concatenated, then Imputer and Scaler; both parts concatenated into TRANSFORMED.
 */
export function createColumnTransformerNodes(transformer: ColumnTransformer): {
  node: OnnxNode[];
  initializer: OnnxTensor[];
} {
  const { categorical, numeric } = transformer;
  const node: OnnxNode[] = [];
  const initializer: OnnxTensor[] = [];
  const parts: string[] = [];
  if (categorical.length > 0) {
    const encoded = categorical.map(({ column, categories }) => {
      node.push(
        createMlNode(
          'OneHotEncoder',
          [column],
          [`${column}out`],
          [attribute.strings('cats_strings', categories), attribute.int('zeros', 1)],
        ),
      );
      return `${column}out`;
    });
    node.push(createNode('Concat', 'Concat', encoded, 'concat_result', -1));
    const total = categorical.reduce((sum, c) => sum + c.categories.length, 0);
    initializer.push(createInt64Tensor('shape_tensor', [-1, total]));
    node.push(createMlNode('Reshape', ['concat_result', 'shape_tensor'], ['variable1'], [], ''));
    parts.push('variable1');
  }
  if (numeric.length > 0) {
    const floats = numeric.map(({ column, type }) => {
      if (type === 'float') return column;
      node.push(createCast(column, `${column}_cast`, 'float'));
      return `${column}_cast`;
    });
    node.push(createNode('Concat1', 'Concat', floats, 'merged_columns', 1));
    node.push(
      createMlNode(
        'Imputer',
        ['merged_columns'],
        ['variable2'],
        [
          attribute.floats(
            'imputed_value_floats',
            numeric.map((c) => c.mean),
          ),
          attribute.float('replaced_value_float', Number.NaN),
        ],
      ),
      createMlNode(
        'Scaler',
        ['variable2'],
        ['variable3'],
        [
          attribute.floats(
            'offset',
            numeric.map((c) => c.mean),
          ),
          attribute.floats(
            'scale',
            numeric.map((c) => 1 / c.std),
          ),
        ],
      ),
    );
    parts.push('variable3');
  }
  node.push(createNode('Concat2', 'Concat', parts, TRANSFORMED, 1));
  return { node, initializer };
}
