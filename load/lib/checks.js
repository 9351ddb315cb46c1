// What a correct answer looks like, for /predict and V2 infer: named checks over the status and
// body text, run by k6's check() and by the local runner alike. No k6 or Node imports.
import { V2_OUTPUT_NAMES } from '../../libs/serving-contract/src/serving-names.ts';

const [PROBABILITY] = V2_OUTPUT_NAMES;

/**
 * @typedef {(status: number, body: string) => boolean} Check
 */

/**
 * Checks for a single-instance `POST /predict` answer.
 * @type {Record<string, Check>}
 */
export const predictChecks = {
  'predict: status 200': (status) => status === 200,
  'predict: probability in [0, 1] and a class text label': (_status, body) => {
    const answer = parseJson(body);
    return (
      isProbability(answer?.probability) &&
      typeof answer?.label === 'string' &&
      answer.label !== '' &&
      typeof answer?.version === 'string'
    );
  },
};

/**
 * Checks for a `POST /v2/models/{m}/infer` answer to a request of `rows` rows.
 * @param {number} rows
 * @returns {Record<string, Check>}
 */
export function describeInferChecks(rows) {
  return {
    'infer: status 200': (status) => status === 200,
    [`infer: ${rows} probabilities in [0, 1]`]: (_status, body) => {
      const outputs = parseJson(body)?.outputs;
      const probability = Array.isArray(outputs)
        ? outputs.find((output) => output?.name === PROBABILITY)
        : undefined;
      const data = probability?.data;
      return Array.isArray(data) && data.length === rows && data.every(isProbability);
    },
  };
}

/**
 * The names of the checks that fail for one answer.
 * @param {Record<string, Check>} checks
 * @param {number} status
 * @param {string} body
 * @returns {string[]}
 */
export function findFailedChecks(checks, status, body) {
  return Object.entries(checks)
    .filter(([, check]) => !check(status, body))
    .map(([name]) => name);
}

// --- internal ---

/**
 * @param {string} body
 * @returns {any}
 */
function parseJson(body) {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/**
 * @param {unknown} value
 * @returns {boolean}
 */
function isProbability(value) {
  return typeof value === 'number' && value >= 0 && value <= 1;
}
