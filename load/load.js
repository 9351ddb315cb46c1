// k6 load test of /predict and V2 infer: `k6 run load/load.js -e BASE_URL=https://<host>`.
// Scenario shape in lib/scenarios.js, limits in thresholds.json (override with -e P95_MS=... -e P99_MS=...).
import { createScenario } from './lib/k6-scenario.js';

const scenario = createScenario('load', JSON.parse(open('./thresholds.json')));

export const options = scenario.options;
export const setup = scenario.setup;
export const handleSummary = scenario.handleSummary;
export default scenario.run;
