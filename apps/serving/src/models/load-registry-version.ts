import { join } from 'node:path';
import type { ModelRegistry } from '@modelship/model-registry';
import type { ServingContext } from '../serving-context.js';
import { loadModelVersion } from './load-model-version.js';
import type { ModelVersion } from './model-version.js';

/**
 * Fetches one registry version (the registry verifies every sha256), loads it as a
 * ModelVersion with its own workers and warms it with one inference, so it is ready before it
 * takes traffic. Counts `modelship_model_load_total{result}`; a failure throws and leaves
 * nothing running.
 */
export async function loadRegistryVersion(
  ctx: ServingContext,
  registry: ModelRegistry,
  ref: { name: string; version: number },
  variant: string,
): Promise<ModelVersion> {
  const { config, metrics } = ctx;
  try {
    const dir = join(config.cacheDir, ref.name, String(ref.version));
    const view = await registry.fetchModel(ref.name, { version: ref.version }, dir, {
      force: true,
    });
    const model = await loadModelVersion(dir, {
      variant,
      stage: view.stage,
      workers: config.workers,
      maxQueue: config.maxQueue,
      batching: config.batching,
      onRejected: (reason) => metrics.rejected.inc({ reason }),
    });
    try {
      await warmModel(model);
    } catch (error) {
      await model.close();
      throw error;
    }
    metrics.modelLoads.inc({ result: 'success' });
    return model;
  } catch (error) {
    metrics.modelLoads.inc({ result: 'failed' });
    throw error;
  }
}

/** One inference on a zero row: the first run of a session is the slow one. */
export async function warmModel(model: ModelVersion): Promise<void> {
  await model.score(new Float32Array(model.width), 1);
}
