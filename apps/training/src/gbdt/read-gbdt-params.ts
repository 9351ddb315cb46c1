import type { GbdtParamsSection } from '@modelship/params';
import {
  ParamsError,
  paramsSchema,
  readSchemaDefaults,
  validateParamsSection,
} from '@modelship/params';
import type { GbdtParams } from './gbdt-model.js';

/**
 * Reads params.yaml `model.gbdt` (and `model.seed`), with the defaults params.schema.json
 * declares for keys left out; the schema checks each key's range.
 * @throws ParamsError naming the key, the value and what is allowed
 */
export function readGbdtParams(model: Readonly<Record<string, unknown>>): GbdtParams {
  const checked = validateParamsSection({ model }, 'model');
  const gbdt = { ...gbdtDefaults(), ...checked?.gbdt } as Required<GbdtParamsSection>;
  const seed = checked?.seed ?? (readSchemaDefaults('model')['seed'] as number);
  return {
    learningRate: gbdt.learning_rate,
    maxTrees: gbdt.max_trees,
    earlyStoppingRounds: gbdt.early_stopping_rounds,
    maxDepth: gbdt.max_depth,
    maxLeaves: gbdt.max_leaves,
    minRowsPerLeaf: gbdt.min_rows_per_leaf,
    l2: gbdt.l2,
    rowSubsample: gbdt.row_subsample,
    columnSubsample: gbdt.column_subsample,
    maxBins: gbdt.max_bins,
    classWeight: gbdt.class_weight,
    seed,
  };
}

/**
 * Checks what the schema cannot, against the training split's size: more bins than rows, or a
 * leaf minimum no split could meet, would train a tree-less model silently.
 * @throws ParamsError naming the key, the value and the allowed range for these rows
 */
export function checkGbdtParamsForRows(params: GbdtParams, rows: number): void {
  if (params.maxBins > rows) {
    throw rangeError('max_bins', params.maxBins, `[2, ${Math.min(rows, 255)}]`, rows);
  }
  const halfRows = Math.floor(rows / 2);
  if (params.minRowsPerLeaf > halfRows) {
    throw rangeError('min_rows_per_leaf', params.minRowsPerLeaf, `[1, ${halfRows}]`, rows);
  }
}

// --- internal ---

function gbdtDefaults(): Record<string, unknown> {
  const properties = paramsSchema.properties?.['model']?.properties?.['gbdt']?.properties ?? {};
  return Object.fromEntries(
    Object.entries(properties)
      .filter(([, node]) => node.default !== undefined)
      .map(([key, node]) => [key, structuredClone(node.default)]),
  );
}

function rangeError(key: string, value: number, range: string, rows: number): ParamsError {
  const path = `model.gbdt.${key}`;
  return new ParamsError(
    `params.yaml: ${path} must be an integer in ${range} for a training split of ${rows} rows, got ${value}`,
    path,
    value,
  );
}
