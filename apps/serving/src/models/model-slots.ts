import type { ModelVersion } from './model-version.js';

/**
 * The loaded model versions, by variant. Serving answers from `stable`; rollouts add
 * candidates beside it and a hot swap replaces it, so nothing else holds a model directly.
 */
export class ModelSlots {
  private readonly byVariant = new Map<string, ModelVersion>();

  /** The version answering callers by default, if one is loaded. */
  get stable(): ModelVersion | undefined {
    return this.byVariant.get('stable');
  }

  /** Every loaded version. */
  all(): ModelVersion[] {
    return [...this.byVariant.values()];
  }

  /** Puts a version in its variant's slot and returns the one it replaced, for the caller to drain. */
  set(model: ModelVersion): ModelVersion | undefined {
    const previous = this.byVariant.get(model.key.variant);
    this.byVariant.set(model.key.variant, model);
    return previous;
  }

  /** Loaded versions of a model by name, optionally one version only. */
  find(name: string, version?: string): ModelVersion[] {
    return this.all().filter(
      (model) =>
        model.key.name === name && (version === undefined || model.key.version === version),
    );
  }

  /** Stops every loaded version's workers. */
  async closeAll(): Promise<void> {
    const models = this.all();
    this.byVariant.clear();
    await Promise.all(models.map((model) => model.close()));
  }
}
