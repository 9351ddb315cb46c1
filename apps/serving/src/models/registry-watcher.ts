import type { ModelRegistry } from '@modelship/model-registry';
import type { ReloadResult } from '@modelship/serving-contract';
import type { Logger } from 'pino';
import type { ModelSource } from '../config/serving-config.js';
import type { ServingMetrics } from '../monitoring/serving-metrics.js';
import type { ServingStatus } from '../serving-status.js';
import type { ModelLoader } from './model-loader.js';
import type { ModelSlots } from './model-slots.js';
import type { RegistryHandle } from './registry-handle.js';
import { recordModelInfo } from './record-model-info.js';

/** What a registry poll did (the contract's `POST /admin/reload` answer). */
export type { ReloadResult } from '@modelship/serving-contract';

/** What the watcher is given: the source and poll interval, the shared loader and registry. */
export interface RegistryWatcherDeps {
  source: ModelSource;
  pollMs: number;
  registry: RegistryHandle;
  loader: ModelLoader;
  slots: ModelSlots;
  metrics: ServingMetrics;
  logger: Logger;
  status: ServingStatus;
  /** Whether a rollout runs: it owns the slots until it ends. */
  rolloutActive: () => boolean;
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
  /** The version the watched stage pointed to at the last poll. */
  private lastSeen: number | null = null;
  private refused: number | null = null;

  constructor(private readonly deps: RegistryWatcherDeps) {}

  /** Starts polling, when the service serves a registry stage and REGISTRY_POLL_MS > 0. */
  start(): void {
    const { pollMs, source } = this.deps;
    if (pollMs === 0 || source.kind !== 'registry' || !('stage' in source.selector)) return;
    this.timer = setInterval(() => void this.poll(), pollMs);
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
    // Shutdown waits for a poll's fetch, and for its closing of a model loaded too late.
    return this.deps.loader.track(polling);
  }

  // --- internal ---

  private async pollOnce(force: boolean): Promise<ReloadResult> {
    const deps = this.deps;
    const { source } = deps;
    const stable = deps.slots.stable;
    const serving: ReloadResult = { swapped: false, version: stable?.key.version ?? null };
    if (deps.status.shuttingDown || source.kind !== 'registry' || !('stage' in source.selector)) {
      return serving;
    }
    let target: { name: string; version: number };
    let registry: ModelRegistry;
    try {
      registry = await deps.registry.open();
      const name = stable?.key.name ?? source.name ?? (await onlyModelName(registry));
      target = { name, version: (await registry.getVersion(name, source.selector)).version };
    } catch (error) {
      deps.metrics.registryPolls.inc({ result: 'error' });
      deps.logger.warn({ err: error }, `registry poll failed: ${(error as Error).message}`);
      return serving;
    }
    if (deps.rolloutActive()) {
      deps.metrics.registryPolls.inc({ result: 'unchanged' });
      return serving;
    }
    this.lastSeen ??= stable ? Number(stable.key.version) : null;
    const moved = target.version !== this.lastSeen;
    this.lastSeen = target.version;
    const current = stable?.key.version === String(target.version);
    // An unmoved stage is left alone: a blue/green switch or a refused version stays as it is.
    if (current || (!moved && !force && (stable || this.refused === target.version))) {
      deps.metrics.registryPolls.inc({ result: 'unchanged' });
      return serving;
    }
    return this.swapIn(registry, target);
  }

  private async swapIn(
    registry: ModelRegistry,
    target: { name: string; version: number },
  ): Promise<ReloadResult> {
    const deps = this.deps;
    const stage = deps.source.kind === 'registry' ? deps.source.selector : {};
    let model;
    try {
      model = await deps.loader.loadFromRegistry(registry, target, 'stable');
    } catch (error) {
      this.refused = target.version;
      deps.metrics.registryPolls.inc({ result: 'refused' });
      deps.logger.error(
        { err: error, model: target },
        `refused ${target.name} v${target.version} (${JSON.stringify(stage)}); the current model keeps serving: ${(error as Error).message}`,
      );
      return { swapped: false, version: deps.slots.stable?.key.version ?? null };
    }
    if (deps.status.shuttingDown || deps.rolloutActive()) {
      await model.close();
      deps.metrics.registryPolls.inc({ result: 'unchanged' });
      return { swapped: false, version: deps.slots.stable?.key.version ?? null };
    }
    const previous = deps.slots.set(model);
    this.refused = null;
    deps.status.loadError = null;
    recordModelInfo(deps.metrics, deps.slots);
    deps.metrics.registryPolls.inc({ result: 'swapped' });
    deps.logger.info(
      { model: model.key, previous: previous?.key.version ?? null },
      `hot swap: ${target.name} v${target.version} now serves`,
    );
    // Requests already on the old version finish on its workers; then they stop.
    if (previous) await previous.close();
    return { swapped: true, version: model.key.version };
  }
}

async function onlyModelName(registry: ModelRegistry): Promise<string> {
  const models = await registry.listModels();
  if (models.length !== 1)
    throw new Error('MODEL_NAME is not set and the registry holds several models.');
  return models[0].name;
}
