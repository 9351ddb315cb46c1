import { readByteSize, readInteger } from './parse-env-values.js';

type Env = Record<string, string | undefined>;

/** How much of a request the service accepts before it allocates anything for it. */
export interface InputLimitsConfig {
  /** Elements of one V2 tensor (the product of its shape). */
  maxTensorElements: number;
  /** Nesting of arrays and objects in a JSON body; deeper bodies are refused before parsing. */
  maxJsonDepth: number;
  /** Characters of one string value; null: the longest category of the model's schema, at least 256. */
  maxStringLength: number | null;
  /** Bytes the prediction log may hold (its own upper estimate); the oldest entries go first. */
  predictionLogMaxBytes: number;
}

/**
 * Reads MAX_TENSOR_ELEMENTS (1000000), MAX_JSON_DEPTH (32), MAX_STRING_LENGTH (unset: the
 * longest category the served schema knows, at least 256) and PREDICTION_LOG_MAX_BYTES (64mb).
 * MAX_INSTANCES (rows per request) is read beside BODY_LIMIT.
 */
export function readInputLimitsConfig(env: Env): InputLimitsConfig {
  const maxStringLength = readInteger(env, 'MAX_STRING_LENGTH', 0, { min: 1, max: 1_000_000 });
  return {
    maxTensorElements: readInteger(env, 'MAX_TENSOR_ELEMENTS', 1_000_000, {
      min: 1,
      max: 100_000_000,
    }),
    maxJsonDepth: readInteger(env, 'MAX_JSON_DEPTH', 32, { min: 4, max: 1000 }),
    maxStringLength: maxStringLength === 0 ? null : maxStringLength,
    predictionLogMaxBytes: readByteSize(env, 'PREDICTION_LOG_MAX_BYTES', 64 * 1024 ** 2),
  };
}
