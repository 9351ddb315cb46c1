import type { FeatureSpec, ModelInputElementType } from '@modelship/features';
import type { ColumnValueKind } from './column-values.js';
import { readColumnValueKind } from './column-values.js';

/** One input per raw column, as V2 model metadata lists them. */
export interface V2ColumnInput {
  name: string;
  datatype: string;
  shape: [-1];
}

/**
 * Each input column as V2 takes it: booleans as BOOL and text as BYTES; numbers with the
 * datatype of the imported model's input they feed (FP32, FP64, INT64, INT32; INT64 for 0/1
 * into a bool input, since JSON booleans are no numbers), or FP64 for a trained model.
 */
export function listV2ColumnInputs(spec: FeatureSpec): V2ColumnInput[] {
  const bound = new Map(
    (spec.modelInputs ?? []).flatMap((binding) =>
      binding.columns.map((column) => [column, binding.elementType] as const),
    ),
  );
  return spec.columns.map((transform) => {
    const kind = readColumnValueKind(transform);
    const elementType = bound.get(transform.column);
    const datatype =
      kind === 'number' && elementType ? NUMBER_DATATYPES[elementType] : KIND_DATATYPES[kind];
    return { name: transform.column, datatype, shape: [-1] };
  });
}

// --- internal ---

// A number column's datatype by the input it feeds (a text input takes no number column).
const NUMBER_DATATYPES: Record<ModelInputElementType, string> = {
  float: 'FP32',
  double: 'FP64',
  int64: 'INT64',
  int32: 'INT32',
  bool: 'INT64',
  string: 'FP64',
};

const KIND_DATATYPES: Record<ColumnValueKind, string> = {
  number: 'FP64',
  boolean: 'BOOL',
  text: 'BYTES',
};
