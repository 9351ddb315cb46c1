import { BadRequestError } from '../http/serving-error.js';
import { describeJsonType, formatClientValue, clipText } from './describe-json-value.js';

/** One V2 tensor input, shape-checked, with its data flattened row-major. */
export interface V2Input {
  name: string;
  datatype: string;
  shape: number[];
  data: unknown[];
}

/** A V2 infer request body: its id, the inputs, and the outputs asked for (all when absent). */
export interface V2Request {
  id: string | undefined;
  inputs: V2Input[];
  outputs: string[] | undefined;
}

/** The sizes a V2 request may declare, checked before anything is allocated for it. */
export interface V2Limits {
  /** Rows (a tensor's first dimension): MAX_INSTANCES. */
  maxRows: number;
  /** Elements of one tensor (the product of its shape): MAX_TENSOR_ELEMENTS. */
  maxElements: number;
  /** The output names the model answers (V2_TASK_OUTPUTS of its task). */
  outputs: readonly string[];
}

/** Dimensions of a tensor: the service's tensors have 1 or 2; a little room for [N, width, 1]. */
const MAX_RANK = 4;

/**
 * Reads the envelope of an Open Inference Protocol infer request: `inputs` as named tensors whose
 * shape is within the limits and whose element count matches it. Shapes are checked before the
 * data is touched, so a declared size can never make the service allocate. What the tensors must
 * hold is checked by the caller.
 */
export function readV2Request(body: unknown, limits: V2Limits): V2Request {
  if (!isObject(body)) {
    throw new BadRequestError(
      `The body must be a V2 inference request object, got ${describeJsonType(body)}.`,
    );
  }
  const { id, inputs, outputs, parameters } = body;
  if (id !== undefined && typeof id !== 'string') {
    throw new BadRequestError(`\`id\` must be a string, got ${describeJsonType(id)}.`);
  }
  checkParameters(parameters, '`parameters`');
  if (!Array.isArray(inputs) || inputs.length === 0) {
    throw new BadRequestError(
      '`inputs` must be a non-empty array of tensors {name, shape, datatype, data}.',
    );
  }
  return {
    id,
    inputs: inputs.map((input, index) => readInput(input, index, limits)),
    outputs: readOutputs(outputs, limits.outputs),
  };
}

// --- internal ---

function readInput(value: unknown, index: number, limits: V2Limits): V2Input {
  const where = `inputs[${index}]`;
  if (!isObject(value)) {
    throw new BadRequestError(
      `${where} must be an object {name, shape, datatype, data}, got ${describeJsonType(value)}.`,
    );
  }
  const { name, shape, datatype, data, parameters } = value;
  if (typeof name !== 'string' || name === '') {
    throw new BadRequestError(`${where}.name must be a non-empty string.`);
  }
  const label = `${where} (\`${clipText(name)}\`)`;
  if (typeof datatype !== 'string')
    throw new BadRequestError(`${label}: \`datatype\` must be a string such as "FP32".`);
  checkParameters(parameters, `${where}.parameters`);
  const dims = readShape(shape, label, limits);
  if (!Array.isArray(data)) throw new BadRequestError(`${label}: \`data\` must be an array.`);
  const flat = flattenToRank(data, dims.length, label);
  const expected = dims.reduce((product, d) => product * d, 1);
  if (flat.length !== expected) {
    throw new BadRequestError(
      `${label}: shape [${dims.join(', ')}] holds ${expected} elements but \`data\` has ${flat.length}.`,
      'E_V2_SHAPE',
    );
  }
  return { name, datatype: clipText(datatype), shape: dims, data: flat };
}

// Every entry a non-negative safe integer, the product computed without overflow (it stops as
// soon as it passes the limit), the first dimension within MAX_INSTANCES.
function readShape(shape: unknown, label: string, limits: V2Limits): number[] {
  if (!Array.isArray(shape) || shape.length === 0 || shape.length > MAX_RANK) {
    throw new BadRequestError(
      `${label}: \`shape\` must be an array of 1 to ${MAX_RANK} non-negative integers, got ${formatClientValue(shape)}.`,
      'E_V2_SHAPE',
    );
  }
  let elements = 1;
  shape.forEach((d: unknown, axis) => {
    if (typeof d !== 'number' || !Number.isSafeInteger(d) || d < 0) {
      throw new BadRequestError(
        `${label}: \`shape[${axis}]\` must be a non-negative integer, got ${formatClientValue(d)}.`,
        'E_V2_SHAPE',
      );
    }
    elements = Math.min(elements * d, Number.MAX_SAFE_INTEGER);
  });
  const dims = shape as number[];
  if (dims[0] > limits.maxRows) {
    throw new BadRequestError(
      `${label}: shape [${dims.join(', ')}] has ${dims[0]} rows; the limit is ${limits.maxRows} (MAX_INSTANCES). Split the request.`,
      'E_TOO_MANY_INSTANCES',
    );
  }
  if (elements > limits.maxElements) {
    throw new BadRequestError(
      `${label}: shape [${dims.join(', ')}] holds more than ${limits.maxElements} elements (MAX_TENSOR_ELEMENTS). Split the request.`,
      'E_V2_SHAPE',
    );
  }
  return dims;
}

// V2 takes data flat (row-major) or nested like its shape: nesting is undone exactly rank - 1
// levels deep, never more (no flat(Infinity) on a client's value).
function flattenToRank(data: unknown[], rank: number, label: string): unknown[] {
  // Flat data, the common case, pays nothing.
  const flat = rank > 1 && data.some(Array.isArray) ? data.flat(rank - 1) : data;
  const nested = flat.findIndex(Array.isArray);
  if (nested >= 0) {
    throw new BadRequestError(
      `${label}: \`data\` nests deeper than its shape's ${rank} dimension${rank === 1 ? '' : 's'} (element ${nested} is an array); send it flat, row-major.`,
      'E_V2_SHAPE',
    );
  }
  return flat;
}

function checkParameters(value: unknown, where: string): void {
  if (value !== undefined && !isObject(value)) {
    throw new BadRequestError(`${where} must be an object, got ${describeJsonType(value)}.`);
  }
}

function readOutputs(value: unknown, known: readonly string[]): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw new BadRequestError('`outputs` must be an array of {name}.');
  return value.map((output: unknown, index) => {
    const name = isObject(output) ? output['name'] : undefined;
    if (typeof name !== 'string' || !known.includes(name)) {
      throw new BadRequestError(
        `outputs[${index}].name must be one of ${known.map((o) => `"${o}"`).join(', ')}, got ${formatClientValue(name ?? null)}.`,
      );
    }
    return name;
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
