// The shape of each load scenario: stages of virtual users (k6) or connections (autocannon).
// A plain ES module shared by the k6 scripts and the local runner.

/**
 * @typedef {{ duration: string, target: number }} Stage
 * @typedef {{ description: string, startVUs: number, stages: Stage[] }} Scenario
 */

/** @type {Record<string, Scenario>} */
export const scenarios = {
  smoke: {
    description: 'one user for 30 s: the service answers correctly at all',
    startVUs: 1,
    stages: [{ duration: '30s', target: 1 }],
  },
  load: {
    description: 'ramp to the expected peak (20 users), hold it, ramp down',
    startVUs: 0,
    stages: [
      { duration: '1m', target: 20 },
      { duration: '3m', target: 20 },
      { duration: '30s', target: 0 },
    ],
  },
  stress: {
    description: 'climb past the expected peak in steps to find where latency breaks',
    startVUs: 0,
    stages: [
      { duration: '1m', target: 20 },
      { duration: '2m', target: 50 },
      { duration: '2m', target: 100 },
      { duration: '2m', target: 150 },
      { duration: '1m', target: 0 },
    ],
  },
  spike: {
    description: 'a sudden burst from 5 to 150 users and back',
    startVUs: 5,
    stages: [
      { duration: '30s', target: 5 },
      { duration: '10s', target: 150 },
      { duration: '1m', target: 150 },
      { duration: '10s', target: 5 },
      { duration: '30s', target: 5 },
    ],
  },
};

/**
 * The scenario called `name`, or an error listing the known ones.
 * @param {string} name
 * @returns {Scenario}
 */
export function findScenario(name) {
  const scenario = scenarios[name];
  if (!scenario) {
    throw new Error(
      `Unknown scenario \`${name}\`; use one of ${Object.keys(scenarios).join(', ')}.`,
    );
  }
  return scenario;
}

/**
 * Seconds in a k6 duration such as `30s`, `1m`, `1m30s`, `500ms`.
 * @param {string} duration
 * @returns {number}
 */
export function parseDuration(duration) {
  const parts = [...duration.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((part) => part[0]).join('') !== duration) {
    throw new Error(`Invalid duration \`${duration}\`; use e.g. 30s, 1m, 1m30s.`);
  }
  const unit = /** @type {Record<string, number>} */ ({ ms: 0.001, s: 1, m: 60, h: 3600 });
  return parts.reduce((total, part) => total + Number(part[1]) * (unit[part[2] ?? 's'] ?? 1), 0);
}
