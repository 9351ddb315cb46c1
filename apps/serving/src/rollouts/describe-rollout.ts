import type { ModelVersion } from '../models/model-version.js';
import type { Rollout, RolloutStatus } from './rollout-types.js';

/** The status `GET /admin/rollout` answers, from the current (or last) rollout. */
export function describeRollout(
  rollout: Rollout | null,
  stable: ModelVersion | undefined,
): RolloutStatus {
  const stableRef = stable ? { name: stable.key.name, version: stable.key.version } : null;
  if (!rollout) {
    return {
      strategy: 'none',
      state: 'idle',
      stable: stableRef,
      candidate: null,
      weights: { stable: 1 },
      step: null,
      checks: [],
      history: [],
    };
  }
  const runner = rollout.active ? rollout.runner : null;
  return {
    strategy: rollout.strategy,
    state: rollout.state,
    stable: stableRef,
    candidate: { name: rollout.ref.name, version: String(rollout.ref.version) },
    weights: runner ? runner.weights() : { stable: 1 },
    step: runner ? runner.step() : null,
    checks: [...rollout.checks],
    history: [...rollout.history],
  };
}
