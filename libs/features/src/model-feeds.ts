import { FeatureSpecError } from './feature-errors.js';
import type { FeatureSpec, ModelInputBinding } from './feature-spec.js';
import { OOV_BUCKET } from './feature-spec.js';

/** onnxruntime's tensor type names, as `new ort.Tensor(type, data, dims)` takes them. */
export type ModelFeedType = 'float32' | 'float64' | 'int64' | 'int32' | 'bool' | 'string';

/** One input tensor's contents, runtime-neutral: wrap it as `new ort.Tensor(type, data, dims)`. */
export interface ModelFeed {
  type: ModelFeedType;
  data: Float32Array | Float64Array | BigInt64Array | Int32Array | Uint8Array | string[];
  dims: [number, number];
}

/** What buildModelFeeds reads of a spec (the worker thread gets only this much). */
export type ModelFeedSpec = Pick<FeatureSpec, 'columns' | 'width' | 'modelInputs'>;

/**
 * Turns a row-major float32 matrix made by transformRows into the model's input tensors. The
 * kit's own models (no `modelInputs`) take the matrix itself as `defaultInput`; an imported
 * model takes one tensor per binding, each [rows, columns], with text columns decoded back
 * from their vocabulary index. transformRows has already refused what an input cannot take.
 */
export function buildModelFeeds(
  spec: ModelFeedSpec,
  data: Float32Array,
  rows: number,
  defaultInput: string,
): Record<string, ModelFeed> {
  if (!spec.modelInputs)
    return { [defaultInput]: { type: 'float32', data, dims: [rows, spec.width] } };
  const feeds: Record<string, ModelFeed> = {};
  for (const binding of compileBindings(spec)) {
    feeds[binding.name] = buildFeed(binding, data, rows, spec.width);
  }
  return feeds;
}

// --- internal ---

interface CompiledBinding {
  name: string;
  type: ModelFeedType;
  /** The matrix column of each tensor column. */
  indices: number[];
  /** Text inputs: each tensor column's vocabulary, OOV_BUCKET at its end. */
  vocabularies: string[][];
}

const FEED_TYPES: Record<ModelInputBinding['elementType'], ModelFeedType> = {
  float: 'float32',
  double: 'float64',
  int64: 'int64',
  int32: 'int32',
  bool: 'bool',
  string: 'string',
};

const compiled = new WeakMap<ModelFeedSpec, CompiledBinding[]>();

function compileBindings(spec: ModelFeedSpec): CompiledBinding[] {
  let bindings = compiled.get(spec);
  if (bindings) return bindings;
  const position = new Map(spec.columns.map((column, index) => [column.column, index]));
  bindings = (spec.modelInputs ?? []).map((binding) => {
    const indices = binding.columns.map((column) => {
      const index = position.get(column);
      if (index === undefined) {
        throw new FeatureSpecError(
          `The model input \`${binding.name}\` takes column \`${column}\`, which the feature spec does not have.`,
          column,
        );
      }
      return index;
    });
    const vocabularies = indices.map((index) => {
      const column = spec.columns[index];
      if (binding.elementType !== 'string') return [];
      if (column?.kind !== 'raw-string') {
        throw new FeatureSpecError(
          `The model input \`${binding.name}\` takes text, but column \`${column?.column}\` is not a raw-string column.`,
          column?.column,
        );
      }
      return [...column.vocabulary, OOV_BUCKET];
    });
    return { name: binding.name, type: FEED_TYPES[binding.elementType], indices, vocabularies };
  });
  compiled.set(spec, bindings);
  return bindings;
}

function buildFeed(
  binding: CompiledBinding,
  data: Float32Array,
  rows: number,
  width: number,
): ModelFeed {
  const columns = binding.indices.length;
  const size = rows * columns;
  const dims: [number, number] = [rows, columns];
  const at = (row: number, column: number): number =>
    data[row * width + (binding.indices[column] as number)] as number;
  switch (binding.type) {
    case 'string': {
      const out = new Array<string>(size);
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < columns; c++) {
          const value = at(r, c);
          out[r * columns + c] = Number.isNaN(value)
            ? ''
            : (binding.vocabularies[c]?.[value] ?? OOV_BUCKET);
        }
      }
      return { type: 'string', data: out, dims };
    }
    case 'int64': {
      const out = new BigInt64Array(size);
      for (let r = 0; r < rows; r++)
        for (let c = 0; c < columns; c++) out[r * columns + c] = BigInt(at(r, c));
      return { type: 'int64', data: out, dims };
    }
    default: {
      const out =
        binding.type === 'float64'
          ? new Float64Array(size)
          : binding.type === 'int32'
            ? new Int32Array(size)
            : binding.type === 'bool'
              ? new Uint8Array(size)
              : new Float32Array(size);
      for (let r = 0; r < rows; r++)
        for (let c = 0; c < columns; c++) out[r * columns + c] = at(r, c);
      return { type: binding.type, data: out, dims };
    }
  }
}
