import { V2_OUTPUT_NAMES } from '@modelship/serving-contract';
import { BadRequestError } from '../http/serving-error.js';
import { describeJsonType } from './validate-instance.js';

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

/**
 * Reads the envelope of an Open Inference Protocol infer request: `inputs` as named tensors whose
 * element count matches their shape. What the tensors must hold is checked by the caller.
 */
export function readV2Request(body: unknown): V2Request {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new BadRequestError(
      `The body must be a V2 inference request object, got ${describeJsonType(body)}.`,
    );
  }
  const { id, inputs, outputs } = body as Record<string, unknown>;
  if (id !== undefined && typeof id !== 'string') {
    throw new BadRequestError(`\`id\` must be a string, got ${describeJsonType(id)}.`);
  }
  if (!Array.isArray(inputs) || inputs.length === 0) {
    throw new BadRequestError(
      '`inputs` must be a non-empty array of tensors {name, shape, datatype, data}.',
    );
  }
  return { id, inputs: inputs.map(readInput), outputs: readOutputs(outputs) };
}

function readInput(value: unknown, index: number): V2Input {
  const where = `inputs[${index}]`;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new BadRequestError(
      `${where} must be an object {name, shape, datatype, data}, got ${describeJsonType(value)}.`,
    );
  }
  const { name, shape, datatype, data } = value as Record<string, unknown>;
  if (typeof name !== 'string' || name === '') {
    throw new BadRequestError(`${where}.name must be a non-empty string.`);
  }
  const label = `${where} (\`${name}\`)`;
  if (typeof datatype !== 'string')
    throw new BadRequestError(`${label}: \`datatype\` must be a string such as "FP32".`);
  if (
    !Array.isArray(shape) ||
    shape.length === 0 ||
    !shape.every((d) => Number.isSafeInteger(d) && d >= 0)
  ) {
    throw new BadRequestError(
      `${label}: \`shape\` must be an array of non-negative integers, got ${JSON.stringify(shape)}.`,
    );
  }
  if (!Array.isArray(data)) throw new BadRequestError(`${label}: \`data\` must be an array.`);
  // flat(Infinity) costs tens of µs even on flat data: only nested data pays for it.
  const flat = data.some(Array.isArray) ? (data.flat(Infinity) as unknown[]) : data;
  const expected = (shape as number[]).reduce((product, d) => product * d, 1);
  if (flat.length !== expected) {
    throw new BadRequestError(
      `${label}: shape [${shape.join(', ')}] holds ${expected} elements but \`data\` has ${flat.length}.`,
      'E_V2_SHAPE',
    );
  }
  return { name, datatype, shape: shape as number[], data: flat };
}

const OUTPUTS = V2_OUTPUT_NAMES;

function readOutputs(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw new BadRequestError('`outputs` must be an array of {name}.');
  return value.map((output, index) => {
    const name = (output as { name?: unknown } | null)?.name;
    if (typeof name !== 'string' || !OUTPUTS.includes(name)) {
      throw new BadRequestError(
        `outputs[${index}].name must be one of ${OUTPUTS.map((o) => `"${o}"`).join(', ')}, got ${JSON.stringify(name ?? null)}.`,
      );
    }
    return name;
  });
}
