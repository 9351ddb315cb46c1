import {
  FeatureError,
  FeatureSpecError,
  MissingFeatureError,
  ModelInputValueError,
} from './feature-errors.js';
import type { FeatureSpec, ModelInputElementType } from './feature-spec.js';
import { FEATURE_SPEC_VERSION, MISSING_CATEGORY } from './feature-spec.js';
import type { RawRow } from './parse-value.js';
import { parseBoolean, parseCategory, parseNumber } from './parse-value.js';

/** Rows turned into the model's input: row-major float32, `rows` x `width`. */
export interface FeatureMatrix {
  data: Float32Array;
  rows: number;
  width: number;
  featureNames: readonly string[];
}

interface CompiledSpec {
  spec: FeatureSpec;
  missing: ReadonlySet<string>;
  vocabularies: Map<string, ReadonlyMap<string, number>>;
  /** Imported models: the integer or boolean input each such column feeds. */
  integerInputs: Map<string, { input: string; type: ModelInputElementType }>;
}

/** Integers float32 carries exactly: an integer input's values must stay within +-2^24. */
export const FLOAT32_EXACT_INTEGER = 2 ** 24;

const compiled = new WeakMap<FeatureSpec, CompiledSpec>();

/** Turns one raw row (CSV strings or JSON values) into the model's input vector. */
export function transformRow(spec: FeatureSpec, raw: RawRow): Float32Array {
  const out = new Float32Array(spec.width);
  writeRow(compile(spec), raw, out, 0);
  return out;
}

/** Turns raw rows into one row-major float32 matrix; errors carry the row's index in `row`. */
export function transformRows(spec: FeatureSpec, rows: readonly RawRow[]): FeatureMatrix {
  const compiledSpec = compile(spec);
  const data = new Float32Array(rows.length * spec.width);
  for (const [index, row] of rows.entries()) {
    try {
      writeRow(compiledSpec, row, data, index * spec.width);
    } catch (error) {
      if (error instanceof FeatureError) error.row = index;
      throw error;
    }
  }
  return { data, rows: rows.length, width: spec.width, featureNames: spec.featureNames };
}

/** Checks that parsed JSON is a feature spec this version can apply. */
export function assertFeatureSpec(value: unknown): asserts value is FeatureSpec {
  const spec = value as Partial<FeatureSpec> | null;
  if (!spec || typeof spec !== 'object' || spec.specVersion !== FEATURE_SPEC_VERSION) {
    throw new FeatureSpecError(
      `Unsupported feature spec version ${String(spec?.specVersion)}; expected ${FEATURE_SPEC_VERSION}. Retrain the model with this version of modelship.`,
    );
  }
  if (
    !Array.isArray(spec.columns) ||
    !Array.isArray(spec.featureNames) ||
    spec.width !== spec.featureNames.length
  ) {
    throw new FeatureSpecError(
      'The feature spec is malformed: `columns`, `featureNames` and `width` disagree.',
    );
  }
}

// --- internal ---

function compile(spec: FeatureSpec): CompiledSpec {
  let entry = compiled.get(spec);
  if (!entry) {
    const vocabularies = new Map<string, ReadonlyMap<string, number>>();
    for (const column of spec.columns) {
      if (column.kind === 'categorical' || column.kind === 'raw-string') {
        vocabularies.set(
          column.column,
          new Map(column.vocabulary.map((value, index) => [value, index])),
        );
      }
    }
    const integerInputs = new Map<string, { input: string; type: ModelInputElementType }>();
    for (const binding of spec.modelInputs ?? []) {
      if (
        binding.elementType !== 'int64' &&
        binding.elementType !== 'int32' &&
        binding.elementType !== 'bool'
      )
        continue;
      for (const column of binding.columns)
        integerInputs.set(column, { input: binding.name, type: binding.elementType });
    }
    entry = { spec, missing: new Set(spec.missingValues), vocabularies, integerInputs };
    compiled.set(spec, entry);
  }
  return entry;
}

function writeRow(
  { spec, missing, vocabularies, integerInputs }: CompiledSpec,
  raw: RawRow,
  out: Float32Array,
  start: number,
): void {
  let offset = start;
  for (const column of spec.columns) {
    const value = raw[column.column];
    if (value === undefined) throw new MissingFeatureError(column.column);
    switch (column.kind) {
      case 'numeric': {
        const number = parseNumber(column.column, value, missing);
        out[offset++] = ((number ?? column.median) - column.mean) / column.std;
        if (column.missingIndicator) out[offset++] = number === null ? 1 : 0;
        break;
      }
      case 'categorical': {
        const category = parseCategory(column.column, value, missing) ?? MISSING_CATEGORY;
        const size = column.vocabulary.length + 1;
        out.fill(0, offset, offset + size);
        out[offset + (vocabularies.get(column.column)?.get(category) ?? column.vocabulary.length)] =
          1;
        offset += size;
        break;
      }
      case 'boolean': {
        const flag = parseBoolean(column.column, value, missing, spec.booleanValues);
        out[offset++] = flag ?? column.fill;
        if (column.missingIndicator) out[offset++] = flag === null ? 1 : 0;
        break;
      }
      case 'raw-number': {
        const number = column.boolean
          ? parseBoolean(column.column, value, missing, spec.booleanValues)
          : parseNumber(column.column, value, missing);
        const integer = integerInputs.get(column.column);
        if (integer) checkIntegerInput(column.column, value, number, integer);
        out[offset++] = number ?? Number.NaN;
        break;
      }
      case 'raw-string': {
        const category = parseCategory(column.column, value, missing);
        out[offset++] =
          category === null
            ? Number.NaN
            : (vocabularies.get(column.column)?.get(category) ?? column.vocabulary.length);
        break;
      }
    }
  }
}

function checkIntegerInput(
  column: string,
  raw: unknown,
  value: number | null,
  { input, type }: { input: string; type: ModelInputElementType },
): void {
  if (value === null)
    throw new ModelInputValueError(
      column,
      raw ?? null,
      input,
      `is ${type}, which has no missing value`,
    );
  if (type === 'bool' && value !== 0 && value !== 1) {
    throw new ModelInputValueError(
      column,
      raw,
      input,
      'is bool and takes 0 or 1 (or the boolean spellings)',
    );
  }
  if (!Number.isInteger(value))
    throw new ModelInputValueError(column, raw, input, `is ${type} and takes integers`);
  if (Math.abs(value) > FLOAT32_EXACT_INTEGER) {
    throw new ModelInputValueError(
      column,
      raw,
      input,
      `is ${type}; values beyond +-${FLOAT32_EXACT_INTEGER} are not carried exactly`,
    );
  }
}
