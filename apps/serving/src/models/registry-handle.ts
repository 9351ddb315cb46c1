import type { ModelRegistry } from '@modelship/model-registry';
import { openRegistry } from '@modelship/model-registry';

/**
 * The registry the service serves from, opened once on first use and shared by the registry
 * watcher and the rollout controller. `null` url: the service serves a bundle folder, and
 * `open` refuses with `onMissing`.
 */
export class RegistryHandle {
  private registry: Promise<ModelRegistry> | null = null;

  constructor(readonly url: string | null) {}

  /** The open registry; opens it on the first call (a failed open is retried next time). */
  open(onMissing: () => Error = () => new Error('The service does not serve a registry.')) {
    if (this.url === null) return Promise.reject(onMissing());
    this.registry ??= openRegistry(this.url).catch((error: unknown) => {
      this.registry = null;
      throw error;
    });
    return this.registry;
  }
}
