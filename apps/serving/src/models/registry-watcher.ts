import type { ModelRegistry } from '@modelship/model-registry';
import { openRegistry } from '@modelship/model-registry';
import type { ServingContext } from '../serving-context.js';
import { loadRegistryVersion } from './load-registry-version.js';
import { recordModelInfo } from './record-model-info.js';

/** What a registry poll did: whether the stable version changed, and the version serving now. */
export interface ReloadResult {
  swapped: boolean;
  version: string | null;
}

/**
 * Watches the registry stage the service serves (MODEL_STAGE, default production): every
 * REGISTRY_POLL_MS and on `POST /admin/reload`. When the stage moves to another version, that
 * version is fetched (sha256-verified), loaded on its own workers, warmed, and swapped into the
 * `stable` slot; the old version then finishes its in-flight work and stops. A version that
 * fails is refused, counted, and not retried until the stage moves again or a reload forces it.
 * While a rollout runs, polls only look: the rollout owns the slots until it ends.
 */
export class RegistryWatcher {
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<ReloadResult> | null = null;
  private registry: ModelRegistry | null = null;
  /** The version the watched stage pointed to at the last poll. */
  private lastSeen: number | null = null;
  private refused: number | null = null;

  constructor(private readonly ctx: ServingContext) {}

  /** Starts polling, when the service serves a registry stage and REGISTRY_POLL_MS > 0. */
  start(): void {
    const { registryPollMs, model } = this.ctx.config;
    if (registryPollMs === 0 || model.kind !== 'registry' || !('stage' in model.selector)) return;
    this.timer = setInterval(() => void this.poll(), registryPollMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Polls now; `force` retries a version refused before. One poll runs at a time. */
  poll(options: { force?: boolean } = {}): Promise<ReloadResult> {
    const force = options.force ?? false;
    const previous = this.polling;
    if (previous && !force) return previous;
    // A forced poll never joins a timer's poll, which may skip a refused version.
    const polling = (async () => {
      if (previous) await previous;
      return this.pollOnce(force);
    })().finally(() => {
      if (this.polling === polling) this.polling = null;
    });
    this.polling = polling;
    return polling;
  }

  // --- internal ---

  private async pollOnce(force: boolean): Promise<ReloadResult> {
    const { ctx } = this;
    const { model: source } = ctx.config;
    const stable = ctx.slots.stable;
    const serving: ReloadResult = { swapped: false, version: stable?.key.version ?? null };
    if (ctx.status.shuttingDown || source.kind !== 'registry' || !('stage' in source.selector)) {
      return serving;
    }
    let target: { name: string; version: number };
    try {
      this.registry ??= await openRegistry(source.url);
      const name = stable?.key.name ?? source.name ?? (await this.onlyModelName());
      target = { name, version: (await this.registry.getVersion(name, source.selector)).version };
    } catch (error) {
      ctx.metrics.registryPolls.inc({ result: 'error' });
      ctx.logger.warn({ err: error }, `registry poll failed: ${(error as Error).message}`);
      return serving;
    }
    if (ctx.rollouts.isActive) {
      ctx.metrics.registryPolls.inc({ result: 'unchanged' });
      return serving;
    }
    this.lastSeen ??= stable ? Number(stable.key.version) : null;
    const moved = target.version !== this.lastSeen;
    this.lastSeen = target.version;
    const current = stable?.key.version === String(target.version);
    // An unmoved stage is left alone: a blue/green switch or a refused version stays as it is.
    if (current || (!moved && !force && (stable || this.refused === target.version))) {
      ctx.metrics.registryPolls.inc({ result: 'unchanged' });
      return serving;
    }
    return this.swapIn(target);
  }

  private async swapIn(target: { name: string; version: number }): Promise<ReloadResult> {
    const { ctx } = this;
    const stage = ctx.config.model.kind === 'registry' ? ctx.config.model.selector : {};
    let model;
    try {
      model = await loadRegistryVersion(ctx, this.registry as ModelRegistry, target, 'stable');
    } catch (error) {
      this.refused = target.version;
      ctx.metrics.registryPolls.inc({ result: 'refused' });
      ctx.logger.error(
        { err: error, model: target },
        `refused ${target.name} v${target.version} (${JSON.stringify(stage)}); the current model keeps serving: ${(error as Error).message}`,
      );
      return { swapped: false, version: ctx.slots.stable?.key.version ?? null };
    }
    if (ctx.status.shuttingDown || ctx.rollouts.isActive) {
      await model.close();
      ctx.metrics.registryPolls.inc({ result: 'unchanged' });
      return { swapped: false, version: ctx.slots.stable?.key.version ?? null };
    }
    const previous = ctx.slots.set(model);
    this.refused = null;
    ctx.status.loadError = null;
    recordModelInfo(ctx.metrics, ctx.slots);
    ctx.metrics.registryPolls.inc({ result: 'swapped' });
    ctx.logger.info(
      { model: model.key, previous: previous?.key.version ?? null },
      `hot swap: ${target.name} v${target.version} now serves`,
    );
    // Requests already on the old version finish on its workers; then they stop.
    if (previous) await previous.close();
    return { swapped: true, version: model.key.version };
  }

  private async onlyModelName(): Promise<string> {
    const models = await (this.registry as ModelRegistry).listModels();
    if (models.length !== 1)
      throw new Error('MODEL_NAME is not set and the registry holds several models.');
    return models[0].name;
  }
}
