import { listKnownCategories } from '../input/column-values.js';
import { compileInstanceRules } from '../input/instance-rules.js';
import type { ModelVersion } from '../models/model-version.js';
import { CompactRow, estimateValueBytes } from './compact-row.js';

interface RowCodec {
  columns: readonly string[];
  /** Every category the schema or the feature spec knows, mapped to one shared copy. */
  categories: ReadonlyMap<string, string>;
}

const codecs = new WeakMap<ModelVersion['featureSpec'], RowCodec>();

/**
 * Packs a validated request row for the prediction log: values in the model's column order,
 * known categories replaced by the schema's interned string (the request's copy can be freed),
 * other values as received (strings are already within MAX_STRING_LENGTH). Null for anything
 * that is not an object (tensor input has no raw features).
 */
export function compactFeatures(model: ModelVersion, row: unknown): CompactRow | null {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) return null;
  const codec = compileCodec(model);
  const record = row as Record<string, unknown>;
  const values = codec.columns.map((column) => {
    const value = record[column];
    return typeof value === 'string' ? (codec.categories.get(value) ?? value) : value;
  });
  return new CompactRow(codec.columns, values, estimateValueBytes(values, codec.categories));
}

// --- internal ---

function compileCodec(model: ModelVersion): RowCodec {
  let codec = codecs.get(model.featureSpec);
  if (codec) return codec;
  const rules = compileInstanceRules(model.featureSpec, model.inputSchema);
  const known = [
    ...rules.categories.flatMap(({ allowed }) => [...allowed]),
    ...model.featureSpec.columns.flatMap(listKnownCategories),
  ];
  codec = {
    columns: [...rules.allowed],
    categories: new Map(known.map((category) => [category, category])),
  };
  codecs.set(model.featureSpec, codec);
  return codec;
}
