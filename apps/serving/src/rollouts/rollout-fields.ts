import { BadRequestError } from '../http/serving-error.js';
import { formatClientValue } from '../input/describe-json-value.js';

type Body = Record<string, unknown>;

/** A number field in [min, max] (an integer when asked), or the fallback when absent. */
export function readNumberField(
  body: Body,
  field: string,
  fallback: number,
  { min = 0, max = Number.MAX_SAFE_INTEGER, integer = false } = {},
): number {
  const value = body[field];
  if (value === undefined) return fallback;
  const valid =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value >= min &&
    value <= max &&
    (!integer || Number.isInteger(value));
  if (!valid) {
    throw new BadRequestError(
      `\`${field}\` must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}; got ${formatClientValue(value)}.`,
      'E_ROLLOUT_FIELD',
    );
  }
  return value as number;
}

/** Canary step weights: increasing numbers in (0, 1]. */
export function readStepsField(body: Body, field: string, fallback: number[]): number[] {
  const value = body[field];
  if (value === undefined) return fallback;
  const valid =
    Array.isArray(value) &&
    value.length > 0 &&
    value.every(
      (step, index) =>
        typeof step === 'number' &&
        step > 0 &&
        step <= 1 &&
        (index === 0 || step > (value[index - 1] as number)),
    );
  if (!valid) {
    throw new BadRequestError(
      `\`${field}\` must be a non-empty list of increasing weights in (0, 1], e.g. [0.05, 0.25, 0.5, 1]; got ${formatSteps(value)}.`,
      'E_ROLLOUT_FIELD',
    );
  }
  return value as number[];
}

/** An HTTP header name, or the fallback when absent. */
export function readHeaderField(body: Body, field: string, fallback: string): string {
  const value = body[field];
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !/^[A-Za-z0-9-]{1,64}$/.test(value)) {
    throw new BadRequestError(
      `\`${field}\` must be an HTTP header name such as X-User-Id; got ${formatClientValue(value)}.`,
      'E_ROLLOUT_FIELD',
    );
  }
  return value;
}

// --- internal ---

// A short list of numbers reads best as itself; anything else only by its type and size.
function formatSteps(value: unknown): string {
  const short = Array.isArray(value) && value.length <= 10;
  return short && value.every((step) => typeof step === 'number')
    ? JSON.stringify(value)
    : formatClientValue(value);
}
