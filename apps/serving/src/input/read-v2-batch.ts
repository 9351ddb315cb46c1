import { BadRequestError } from '../http/serving-error.js';
import { clipText, formatClientValue } from './describe-json-value.js';
import type { V2Input } from './read-v2-inputs.js';
import { FLOAT32_MAX } from './validate-instance.js';

/** A V2 request's rows: a ready float32 matrix, or raw instances for the feature transform. */
export type V2Batch =
  | { kind: 'tensor'; data: Float32Array; rows: number }
  | { kind: 'columns'; instances: Record<string, unknown>[] };

/** What a model takes over V2. */
export interface V2ModelShape {
  /** The one FP32 [N, width] input it also takes as a ready matrix; null when it has none. */
  tensor: { name: string; width: number } | null;
  /** Columns a request may send: the schema's feature, id and ignored columns. */
  rawColumns: ReadonlySet<string>;
}

const FLOAT_TYPES = new Set(['FP16', 'FP32', 'FP64']);
const NUMBER_TYPES = new Set([
  ...FLOAT_TYPES,
  ...['INT8', 'INT16', 'INT32', 'INT64', 'UINT8', 'UINT16', 'UINT32', 'UINT64'],
]);

/**
 * Turns V2 inputs into rows: one input per raw column, each shaped [N] or [N, 1] (its values are
 * read as /predict reads them: numbers, booleans, or text, CSV spellings included); or, when the
 * model has one, its FP32 tensor [N, width].
 */
export function readV2Batch(inputs: V2Input[], model: V2ModelShape, maxInstances: number): V2Batch {
  const [first] = inputs;
  const { tensor } = model;
  if (inputs.length === 1 && first.name === tensor?.name && !model.rawColumns.has(first.name)) {
    return readTensor(first, tensor.width, maxInstances);
  }
  return readColumns(inputs, model, maxInstances);
}

// --- internal ---

function readTensor(input: V2Input, width: number, maxInstances: number): V2Batch {
  const label = `inputs[0] (\`${clipText(input.name)}\`)`;
  if (!FLOAT_TYPES.has(input.datatype)) {
    throw new BadRequestError(`${label}: datatype must be FP32 (or FP64), got ${input.datatype}.`);
  }
  const [rows, columns] = input.shape;
  if (input.shape.length !== 2 || columns !== width) {
    throw new BadRequestError(
      `${label}: shape [${input.shape.join(', ')}] does not match the model's input [N, ${width}].`,
      'E_V2_SHAPE',
    );
  }
  checkRowCount(label, rows, maxInstances);
  const data = new Float32Array(input.data.length);
  for (let i = 0; i < input.data.length; i++) {
    const value = input.data[i];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new BadRequestError(
        `${label}: element ${i} (row ${Math.floor(i / width)}, column ${i % width}) is ${formatClientValue(value)}; expected a finite number.`,
      );
    }
    if (Math.abs(value) > FLOAT32_MAX) {
      throw new BadRequestError(
        `${label}: element ${i} (row ${Math.floor(i / width)}, column ${i % width}) is ${value}, outside the float32 range the model computes in (-${FLOAT32_MAX} to ${FLOAT32_MAX}).`,
        'E_FEATURE_RANGE',
      );
    }
    data[i] = value;
  }
  return { kind: 'tensor', data, rows: rows };
}

function readColumns(inputs: V2Input[], model: V2ModelShape, maxInstances: number): V2Batch {
  const rows = inputs[0].shape[0];
  // Before the rows are allocated: the shape alone must not decide how much memory is taken.
  checkRowCount('inputs', rows, maxInstances);
  const instances: Record<string, unknown>[] = Array.from({ length: rows }, () => ({}));
  const seen = new Set<string>();
  inputs.forEach((input, index) => {
    const label = `inputs[${index}] (\`${clipText(input.name)}\`)`;
    if (!model.rawColumns.has(input.name)) {
      const tensor = model.tensor
        ? `one FP32 input \`${model.tensor.name}\` [N, ${model.tensor.width}] or `
        : '';
      throw new BadRequestError(
        `${label}: not a feature of this model; send ${tensor}one input per raw feature column.`,
        'E_FEATURE_UNKNOWN',
      );
    }
    if (seen.has(input.name)) throw new BadRequestError(`${label}: sent twice.`);
    seen.add(input.name);
    const { shape } = input;
    if (shape.length > 2 || (shape.length === 2 && shape[1] !== 1) || shape[0] !== rows) {
      throw new BadRequestError(
        `${label}: shape [${shape.join(', ')}] must be [${rows}] or [${rows}, 1], like inputs[0].`,
        'E_V2_SHAPE',
      );
    }
    checkElements(label, input);
    input.data.forEach((value, row) => (instances[row][input.name] = value));
  });
  return { kind: 'columns', instances };
}

function checkElements(label: string, { datatype, data }: V2Input): void {
  const expected = datatype === 'BYTES' ? 'string' : datatype === 'BOOL' ? 'boolean' : 'number';
  if (!NUMBER_TYPES.has(datatype) && datatype !== 'BYTES' && datatype !== 'BOOL') {
    throw new BadRequestError(
      `${label}: unsupported datatype ${datatype}; use BYTES, BOOL, FP64 or INT64.`,
    );
  }
  const index = data.findIndex((value) => value !== null && typeof value !== expected);
  if (index >= 0) {
    throw new BadRequestError(
      `${label}: element ${index} is ${formatClientValue(data[index])}, not a ${datatype} value (${expected} or null).`,
    );
  }
}

function checkRowCount(label: string, rows: number, maxInstances: number): void {
  if (rows < 1) throw new BadRequestError(`${label}: no rows; send at least one.`, 'E_V2_SHAPE');
  if (rows > maxInstances) {
    throw new BadRequestError(
      `${label}: ${rows} rows; the limit is ${maxInstances} (MAX_INSTANCES). Split the request.`,
      'E_TOO_MANY_INSTANCES',
    );
  }
}
