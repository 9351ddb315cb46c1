import type { ServingMetrics } from '../monitoring/serving-metrics.js';
import type { ModelSlots } from './model-slots.js';

/** Rewrites `modelship_model_info` from the loaded versions, after any change of the slots. */
export function recordModelInfo(metrics: ServingMetrics, slots: ModelSlots): void {
  metrics.modelInfo.reset();
  for (const model of slots.all()) metrics.modelInfo.set({ ...model.key, stage: model.stage }, 1);
}
