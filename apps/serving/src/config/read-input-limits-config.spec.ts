import { ConfigError } from './config-error.js';
import { readInputLimitsConfig } from './read-input-limits-config.js';

describe('readInputLimitsConfig', () => {
  it('defaults to 1,000,000 tensor elements, depth 32, the schema-derived string limit and a 64 MiB log', () => {
    expect(readInputLimitsConfig({})).toEqual({
      maxTensorElements: 1_000_000,
      maxJsonDepth: 32,
      maxStringLength: null,
      predictionLogMaxBytes: 64 * 1024 * 1024,
    });
  });

  it('reads every variable', () => {
    expect(
      readInputLimitsConfig({
        MAX_TENSOR_ELEMENTS: '5000',
        MAX_JSON_DEPTH: '8',
        MAX_STRING_LENGTH: '1000',
        PREDICTION_LOG_MAX_BYTES: '16mb',
      }),
    ).toEqual({
      maxTensorElements: 5000,
      maxJsonDepth: 8,
      maxStringLength: 1000,
      predictionLogMaxBytes: 16 * 1024 * 1024,
    });
  });

  it.each([
    [
      { MAX_TENSOR_ELEMENTS: '0' },
      'MAX_TENSOR_ELEMENTS="0": expected an integer from 1 to 100000000.',
    ],
    [{ MAX_JSON_DEPTH: '2' }, 'MAX_JSON_DEPTH="2": expected an integer from 4 to 1000.'],
    [
      { MAX_STRING_LENGTH: 'long' },
      'MAX_STRING_LENGTH="long": expected an integer from 1 to 1000000.',
    ],
    [
      { PREDICTION_LOG_MAX_BYTES: 'lots' },
      'PREDICTION_LOG_MAX_BYTES="lots": expected a size such as',
    ],
  ])('refuses %j naming the variable', (env, message) => {
    expect(() => readInputLimitsConfig(env)).toThrow(ConfigError);
    expect(() => readInputLimitsConfig(env)).toThrow(message);
  });
});
