import { ConfigError } from '../config/config-error.js';
import { ServingError } from '../http/serving-error.js';
import { parseRolloutRequest } from './parse-rollout-request.js';
import type { RolloutRequest } from './rollout-types.js';

type Env = Record<string, string | undefined>;

// Fields as ROLLOUT_<FIELD IN UPPER SNAKE CASE>: ROLLOUT_INTERVAL_MS is intervalMs.
const TEXT_FIELDS = new Set(['strategy', 'stage', 'keyHeader']);
const FIELDS = [
  'strategy',
  'version',
  'stage',
  'steps',
  'intervalMs',
  'minSamples',
  'maxErrorRateIncrease',
  'maxP99Ratio',
  'p99ToleranceMs',
  'failureThreshold',
  'minLabelledRows',
  'maxAccuracyDrop',
  'maxErrorIncrease',
  'sampleRate',
  'split',
  'keyHeader',
  'rollbackWindowMs',
];

/**
 * The rollout to start with the service, from ROLLOUT_STRATEGY and the other ROLLOUT_*
 * variables (the admin API's fields; `ROLLOUT_STEPS=0.05,0.25,1`), or null when
 * ROLLOUT_STRATEGY is unset. Validated like an admin request; errors name the variable.
 */
export function readRolloutEnv(env: Env): RolloutRequest | null {
  const body: Record<string, unknown> = {};
  const variables = new Map<string, string>();
  for (const field of FIELDS) {
    const variable = `ROLLOUT_${field.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
    const raw = env[variable]?.trim();
    if (raw === undefined || raw === '') continue;
    variables.set(field, variable);
    body[field] = toValue(field, raw);
  }
  if (body['strategy'] === undefined) {
    const [first] = variables.values();
    if (first !== undefined) {
      throw new ConfigError(first, env[first], 'set ROLLOUT_STRATEGY too, or unset it.');
    }
    return null;
  }
  try {
    return parseRolloutRequest(body);
  } catch (error) {
    if (!(error instanceof ServingError)) throw error;
    const field = /`(\w+)`/.exec(error.message)?.[1] ?? 'strategy';
    const variable = variables.get(field) ?? 'ROLLOUT_STRATEGY';
    throw new ConfigError(variable, env[variable], error.message.replace(/`\w+`/, variable));
  }
}

function toValue(field: string, raw: string): unknown {
  if (TEXT_FIELDS.has(field)) return raw;
  if (field === 'steps') return raw.split(',').map((step) => toNumber(step.trim()));
  return toNumber(raw);
}

function toNumber(raw: string): number | string {
  return raw !== '' && Number.isFinite(Number(raw)) ? Number(raw) : raw;
}
