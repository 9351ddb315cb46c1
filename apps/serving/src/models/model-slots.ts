import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { ModelVersion } from './model-version.js';

/**
 * What routing reads of a request: its method and headers (an A/B key), and its response, which
 * a rollout watches to time the routed request and see how it ended. Express's request is one;
 * so is the request of the prediction routes' lean lane (serve-hot-routes).
 */
export interface RoutedRequest {
  readonly method: string;
  readonly headers: IncomingHttpHeaders;
  readonly res?: ServerResponse;
}

/** Chooses the loaded version that answers a request (set by a rollout), or null for stable. */
export type ModelRouter = (req: RoutedRequest) => ModelVersion | null;

/**
 * The loaded model versions, by variant. Serving answers from `stable` unless a rollout installs
 * a router; rollouts add candidates beside it and a hot swap replaces it, so nothing else holds
 * a model directly.
 */
export class ModelSlots {
  private readonly byVariant = new Map<string, ModelVersion>();
  private router: ModelRouter | null = null;

  /** The version answering callers by default, if one is loaded. */
  get stable(): ModelVersion | undefined {
    return this.byVariant.get('stable');
  }

  /** The version in a variant's slot. */
  get(variant: string): ModelVersion | undefined {
    return this.byVariant.get(variant);
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

  /** Takes a version out of its slot (it stops receiving traffic) and returns it, to drain. */
  remove(variant: string): ModelVersion | undefined {
    const model = this.byVariant.get(variant);
    this.byVariant.delete(variant);
    return model;
  }

  /**
   * Moves the version in slot `from` to slot `to` (its answers then carry the new variant) and
   * returns the version `to` held before, which the caller drains or keeps.
   */
  move(from: string, to: string): ModelVersion | undefined {
    const model = this.byVariant.get(from);
    if (!model) return undefined;
    const replaced = this.byVariant.get(to);
    this.byVariant.delete(from);
    model.key.variant = to;
    this.byVariant.set(to, model);
    return replaced;
  }

  /** Installs (or, with null, removes) the rollout's routing. */
  setRouter(router: ModelRouter | null): void {
    this.router = router;
  }

  /** The version a request is routed to: the rollout's choice, else stable. */
  route(req: RoutedRequest): ModelVersion | undefined {
    return this.router?.(req) ?? this.stable;
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
    this.router = null;
    const models = this.all();
    this.byVariant.clear();
    await Promise.all(models.map((model) => model.close()));
  }
}
