import { readNumberField } from './rollout-fields.js';
import type { RolloutStrategy } from './rollout-types.js';

/**
 * Shadow: every caller is answered by the stable version; a sampled share (`sampleRate`) of
 * requests is mirrored to the candidate after the answer went out, dropped when the candidate
 * is busy, and label disagreements are counted. Never promoted automatically.
 */
export const shadowStrategy: RolloutStrategy = {
  candidateVariant: 'shadow',
  runningState: 'running',
  readOptions: (body) => ({ sampleRate: readNumberField(body, 'sampleRate', 1, { max: 1 }) }),
  begin: (host, options) => {
    const sampleRate = options['sampleRate'] as number;
    return {
      weights: () => ({ stable: 1, shadow: sampleRate }),
      step: () => null,
      route: () => host.stable,
      mirrors: () => Math.random() < sampleRate,
      stop: () => undefined,
    };
  },
};
