import type { ServingMetrics } from '../monitoring/serving-metrics.js';
import type { RolloutStatus } from './rollout-types.js';

/** Copies a rollout status into `modelship_rollout_info` and `modelship_rollout_weight`. */
export function publishRollout(metrics: ServingMetrics, status: RolloutStatus): void {
  metrics.rolloutInfo.reset();
  metrics.rolloutInfo.set(
    {
      strategy: status.strategy,
      state: status.state,
      stable_version: status.stable?.version ?? '',
      candidate_version: status.candidate?.version ?? '',
    },
    1,
  );
  metrics.rolloutWeight.reset();
  for (const [variant, weight] of Object.entries(status.weights)) {
    metrics.rolloutWeight.set({ variant }, weight);
  }
}
