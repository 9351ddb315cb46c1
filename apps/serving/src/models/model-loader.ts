import { join } from 'node:path';
import type { ModelRegistry } from '@modelship/model-registry';
import type { BatchingOptions, RejectReason } from '../inference/inference-pool.js';
import { loadModelVersion } from './load-model-version.js';
import type { ModelVersion } from './model-version.js';

/** What loading needs from the service: worker and queue sizes, the cache, two counters. */
export interface ModelLoaderOptions {
  cacheDir: string;
  workers: number;
  inlineMaxMs: number;
  maxQueue: number;
  batching: BatchingOptions | null;
  /** Counts callers refused or dropped by a queue (modelship_requests_rejected_total). */
  onRejected: (reason: RejectReason) => void;
  /** Counts each load (modelship_model_load_total{result}). */
  onLoaded: (result: 'success' | 'failed') => void;
}

/**
 * The one way the service loads a model version: from a bundle folder, or from a registry
 * version (fetched, sha256-verified, loaded on its own workers and warmed with one inference,
 * so it is ready before it takes traffic). A failure throws and leaves nothing running.
 */
export class ModelLoader {
  private readonly pending = new Set<Promise<unknown>>();

  constructor(private readonly options: ModelLoaderOptions) {}

  /** Loads a verified bundle folder on fresh workers. */
  loadDir(dir: string, placement: { variant: string; stage: string }): Promise<ModelVersion> {
    const { workers, inlineMaxMs, maxQueue, batching, onRejected } = this.options;
    return this.track(
      loadModelVersion(dir, { ...placement, workers, inlineMaxMs, maxQueue, batching, onRejected }),
    );
  }

  /** Fetches one registry version into the cache, loads it and warms it. */
  loadFromRegistry(
    registry: ModelRegistry,
    ref: { name: string; version: number },
    variant: string,
  ): Promise<ModelVersion> {
    return this.track(this.fetchAndLoad(registry, ref, variant));
  }

  /** Counts `work` (a fetch into the cache, a load) as in flight until it settles; returns it. */
  track<T>(work: Promise<T>): Promise<T> {
    const settled = work.then(
      () => undefined,
      () => undefined,
    );
    this.pending.add(settled);
    void settled.then(() => this.pending.delete(settled));
    return work;
  }

  /**
   * Resolves true once every tracked fetch and load has settled (shutdown waits, so nothing
   * writes into the cache after the service stops), or false after `timeoutMs`.
   */
  async settle(timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    try {
      while (this.pending.size > 0) {
        const done = await Promise.race([Promise.all(this.pending).then(() => true), expired]);
        if (!done) return false;
      }
      return true;
    } finally {
      clearTimeout(timer);
    }
  }

  // --- internal ---

  private async fetchAndLoad(
    registry: ModelRegistry,
    ref: { name: string; version: number },
    variant: string,
  ): Promise<ModelVersion> {
    try {
      const dir = join(this.options.cacheDir, ref.name, String(ref.version));
      const view = await registry.fetchModel(ref.name, { version: ref.version }, dir, {
        force: true,
      });
      const model = await this.loadDir(dir, { variant, stage: view.stage });
      try {
        await warmModel(model);
      } catch (error) {
        await model.close();
        throw error;
      }
      this.options.onLoaded('success');
      return model;
    } catch (error) {
      this.options.onLoaded('failed');
      throw error;
    }
  }
}

/** One inference on a zero row: the first run of a session is the slow one. */
export async function warmModel(model: ModelVersion): Promise<void> {
  await model.score(new Float32Array(model.width), 1);
}
