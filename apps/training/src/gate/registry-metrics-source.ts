import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ModelNotFoundError,
  VersionNotFoundError,
  type ModelRegistry,
  type ModelVersionView,
} from '@modelship/model-registry';
import { evaluateOnHoldout, type Holdout } from './champion-on-holdout.js';
import type { ProductionMetricsSource } from './production-metrics.js';

/**
 * The production model's metrics from the model registry: the newest version of `name` in stage
 * production. A model never registered, or with nothing in production, means "no production
 * model"; an unreachable registry is an error, never a silent "nothing to beat".
 *
 * With a `holdout`, the production bundle is fetched and re-evaluated on it, so the gate compares
 * champion and challenger on the same rows; when the champion cannot score those rows (its
 * features are gone from the schema) the gate falls back to its registered metrics and says so.
 */
export function createRegistryMetricsSource(
  registry: Pick<ModelRegistry, 'getVersion' | 'url'> & Partial<Pick<ModelRegistry, 'fetchModel'>>,
  name: string,
  holdout?: Holdout,
): ProductionMetricsSource {
  return {
    description: `registry ${registry.url} (${name}, stage production${holdout ? ', re-evaluated on the same holdout' : ''})`,
    load: async () => {
      let version: ModelVersionView;
      try {
        version = await registry.getVersion(name, { stage: 'production' });
      } catch (error) {
        if (error instanceof ModelNotFoundError || error instanceof VersionNotFoundError)
          return null;
        throw error;
      }
      const stored = { name, version: version.version, metrics: version.metrics };
      if (!holdout || !registry.fetchModel) return stored;
      const dir = await mkdtemp(join(tmpdir(), 'modelship-champion-'));
      try {
        await registry.fetchModel(name, { version: version.version }, join(dir, 'bundle'));
        const metrics = await evaluateOnHoldout(join(dir, 'bundle'), holdout);
        return {
          ...stored,
          metrics,
          storedMetrics: version.metrics,
          evaluatedOn: `the same holdout (${holdout.rows.length} rows)`,
        };
      } catch (error) {
        if (typeof (error as { code?: unknown }).code !== 'string') throw error;
        return {
          ...stored,
          evaluatedOn: `its registered metrics (cannot score the holdout: ${(error as Error).message})`,
        };
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
