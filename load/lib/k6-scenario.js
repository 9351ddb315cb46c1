// The k6 side of every scenario script: options (stages + thresholds), setup (discover the model
// and its input schema from the service), one iteration (/predict, then V2 infer), and the summary.
import { check, fail } from 'k6';
import http from 'k6/http';
import { SERVING_PATHS } from '../../libs/serving-contract/src/serving-names.ts';
import { describeInferChecks, predictChecks } from './checks.js';
import { buildV2Request, createRowGenerator } from './payloads.js';
import { findScenario } from './scenarios.js';
import { describeTarget, readModelName } from './target.js';
import { buildK6Thresholds, resolveLimits } from './thresholds.js';
import { formatTextSummary } from './text-summary.js';

const JSON_HEADERS = { 'Content-Type': 'application/json' };

/**
 * Everything a scenario script exports, for the scenario called `name`.
 * @param {string} name smoke, load, stress or spike (see scenarios.js)
 * @param {import('./thresholds.js').ThresholdsFile} thresholdsFile load/thresholds.json, parsed
 */
export function createScenario(name, thresholdsFile) {
  const env = /** @type {Record<string, string | undefined>} */ (__ENV);
  const baseUrl = (env.BASE_URL ?? 'http://localhost:8080').replace(/\/+$/, '');
  const batchSize = Number(env.BATCH_SIZE ?? 4);
  const limits = resolveLimits(thresholdsFile, name, env);
  const scenario = findScenario(name);
  /** @type {(() => Record<string, unknown>) | undefined} */
  let nextRow;

  return {
    options: {
      scenarios: {
        [name]: {
          executor: 'ramping-vus',
          startVUs: scenario.startVUs,
          stages: scenario.stages,
          gracefulRampDown: '10s',
        },
      },
      thresholds: buildK6Thresholds(limits),
      summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)'],
    },

    setup() {
      const ready = getJson(`${baseUrl}${SERVING_PATHS.healthReady}`);
      const model = readModelName(ready, env.MODEL_NAME);
      return describeTarget(
        model,
        getJson(`${baseUrl}${SERVING_PATHS.openapi}`),
        getJson(`${baseUrl}${modelPath(SERVING_PATHS.v2Model, model)}`),
      );
    },

    /** @param {import('./target.js').Target} target */
    run(target) {
      if (!nextRow) nextRow = createRowGenerator(target.instance, { seed: __VU * 7919 + 1 });
      const tags = { kind: 'inference' };
      const predicted = http.post(`${baseUrl}${SERVING_PATHS.predict}`, JSON.stringify(nextRow()), {
        headers: JSON_HEADERS,
        tags: { ...tags, endpoint: 'predict' },
      });
      check(predicted, adapt(predictChecks), tags);
      const rows = Array.from({ length: batchSize }, () => /** @type {() => any} */ (nextRow)());
      const inferred = http.post(
        `${baseUrl}${modelPath(SERVING_PATHS.v2Infer, target.model)}`,
        JSON.stringify(buildV2Request(rows, target.rawInputs)),
        { headers: JSON_HEADERS, tags: { ...tags, endpoint: 'v2_infer' } },
      );
      check(inferred, adapt(describeInferChecks(batchSize)), tags);
    },

    /** @param {any} data k6's end-of-test summary */
    handleSummary(data) {
      const dir = env.RESULTS_DIR ?? 'load/results';
      const summary = { scenario: name, baseUrl, limits, metrics: data.metrics, state: data.state };
      return {
        stdout: formatTextSummary(name, data),
        [`${dir}/${name}-summary.json`]: JSON.stringify(summary, null, 2),
      };
    },
  };
}

// --- internal ---

/** @param {string} url */
function getJson(url) {
  const response = http.get(url, { tags: { kind: 'setup' } });
  if (response.status !== 200) {
    fail(`GET ${url} answered ${response.status}: ${String(response.body).slice(0, 500)}`);
  }
  return response.json();
}

/**
 * Shared (status, body) checks as k6 check functions over a response.
 * @param {Record<string, import('./checks.js').Check>} checks
 */
function adapt(checks) {
  return Object.fromEntries(
    Object.entries(checks).map(([name, fn]) => [
      name,
      (/** @type {{ status: number, body: unknown }} */ r) => fn(r.status, String(r.body ?? '')),
    ]),
  );
}

/**
 * A contract path template with its `{model}` filled in.
 * @param {string} template
 * @param {string} model
 * @returns {string}
 */
function modelPath(template, model) {
  return template.replace('{model}', encodeURIComponent(model));
}
