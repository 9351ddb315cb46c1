import { BadRequestError } from '../http/serving-error.js';
import { clipText, describeJsonType } from './describe-json-value.js';

/** The instances of a /predict body, and how to name each in errors. */
export interface PredictInstances {
  instances: unknown[];
  batch: boolean;
  describe: (index: number) => string;
}

/**
 * Reads a /predict body: one object of raw features, or `{"instances": [...]}` with 1 to
 * `maxInstances` objects. The shape is checked here; the values by the input schema later.
 */
export function readPredictInstances(body: unknown, maxInstances: number): PredictInstances {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new BadRequestError(
      `The body must be a JSON object of raw features, or {"instances": [...]}; got ${describeJsonType(body)}.`,
      'E_BODY_SHAPE',
    );
  }
  if (!('instances' in body)) {
    return { instances: [body], batch: false, describe: () => 'body' };
  }
  const { instances, ...rest } = body as { instances: unknown };
  const extra = Object.keys(rest);
  if (extra.length > 0) {
    throw new BadRequestError(
      `Unknown field \`${clipText(extra[0])}\` beside \`instances\`; send {"instances": [...]} only.`,
      'E_BODY_SHAPE',
    );
  }
  if (!Array.isArray(instances) || instances.length === 0) {
    throw new BadRequestError(
      `\`instances\` must be a non-empty array of objects, got ${Array.isArray(instances) ? 'an empty array' : describeJsonType(instances)}.`,
      'E_BODY_SHAPE',
    );
  }
  if (instances.length > maxInstances) {
    throw new BadRequestError(
      `\`instances\` has ${instances.length} items; the limit is ${maxInstances} (MAX_INSTANCES). Split the request.`,
      'E_TOO_MANY_INSTANCES',
    );
  }
  return { instances, batch: true, describe: (index) => `instances[${index}]` };
}
