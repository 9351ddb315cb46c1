import {
  ModelNotFoundError,
  VersionNotFoundError,
  type ModelRegistry,
} from '@modelship/model-registry';
import type { ProductionMetricsSource } from './production-metrics.js';

/**
 * The production model's metrics from the model registry: the newest version of `name` in stage
 * production. A model never registered, or with nothing in production, means "no production
 * model"; an unreachable registry is an error, never a silent "nothing to beat".
 */
export function createRegistryMetricsSource(
  registry: Pick<ModelRegistry, 'getVersion' | 'url'>,
  name: string,
): ProductionMetricsSource {
  return {
    description: `registry ${registry.url} (${name}, stage production)`,
    load: async () => {
      try {
        const version = await registry.getVersion(name, { stage: 'production' });
        return { name, version: version.version, metrics: version.metrics };
      } catch (error) {
        if (error instanceof ModelNotFoundError || error instanceof VersionNotFoundError)
          return null;
        throw error;
      }
    },
  };
}
