import { BadRequestError } from '../http/serving-error.js';
import { clipText, formatClientValue } from '../input/describe-json-value.js';
import { readNumberField } from './rollout-fields.js';
import { rolloutStrategies } from './rollout-strategies.js';
import type { RolloutRequest, RolloutStrategyName } from './rollout-types.js';
import { CANDIDATE_STAGES, ROLLOUT_STRATEGIES } from '@modelship/serving-contract';

/**
 * Validates a rollout request (the body of `POST /admin/rollout`, or the ROLLOUT_* variables):
 * a known strategy, the candidate as `version` or `stage` (default: the newest staging
 * version), and only the options that strategy takes. Throws a 400 naming the field.
 */
export function parseRolloutRequest(body: unknown): RolloutRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new BadRequestError(
      'The body must be a JSON object such as {"strategy": "canary", "version": 2}.',
      'E_ROLLOUT_FIELD',
    );
  }
  const { strategy, version, stage, ...rest } = body as Record<string, unknown>;
  if (!ROLLOUT_STRATEGIES.includes(strategy as RolloutStrategyName)) {
    throw new BadRequestError(
      `\`strategy\` must be one of ${ROLLOUT_STRATEGIES.join(', ')}; got ${formatClientValue(strategy)}.`,
      'E_ROLLOUT_FIELD',
    );
  }
  const name = strategy as RolloutStrategyName;
  const options = rolloutStrategies[name].readOptions(rest);
  const unknown = Object.keys(rest).filter((key) => !(key in options));
  if (unknown.length > 0) {
    throw new BadRequestError(
      `\`${clipText(unknown[0])}\` is not an option of the ${name} strategy; it takes ${Object.keys(options).join(', ')}.`,
      'E_ROLLOUT_FIELD',
    );
  }
  return { strategy: name, target: readTarget(version, stage), options };
}

// --- internal ---

function readTarget(version: unknown, stage: unknown): RolloutRequest['target'] {
  if (version !== undefined && stage !== undefined) {
    throw new BadRequestError('Give `version` or `stage`, not both.', 'E_ROLLOUT_FIELD');
  }
  if (version !== undefined) {
    return {
      version: readNumberField({ version }, 'version', 0, { min: 1, integer: true }),
    };
  }
  if (stage === undefined) return { stage: 'staging' };
  if (!CANDIDATE_STAGES.includes(stage as 'staging')) {
    throw new BadRequestError(
      `\`stage\` must be one of ${CANDIDATE_STAGES.join(', ')}; got ${formatClientValue(stage)}.`,
      'E_ROLLOUT_FIELD',
    );
  }
  return { stage: stage as 'staging' | 'production' };
}
