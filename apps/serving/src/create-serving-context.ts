import { pino } from 'pino';
import type { Logger } from 'pino';
import type { ServingConfig } from './config/serving-config.js';
import { createServingMetrics } from './metrics/serving-metrics.js';
import { ModelSlots } from './models/model-slots.js';
import { RegistryWatcher } from './models/registry-watcher.js';
import { ServingMonitor } from './monitoring/serving-monitor.js';
import { RolloutController } from './rollouts/rollout-controller.js';
import type { ServingContext } from './serving-context.js';

/** Builds the shared state of one service instance: empty model slots, fresh metrics, a logger. */
export function createServingContext(config: ServingConfig, logger?: Logger): ServingContext {
  const slots = new ModelSlots();
  const metrics = createServingMetrics();
  metrics.onCollect(() => {
    metrics.inferenceQueued.reset();
    metrics.inferenceRunning.reset();
    for (const model of slots.all()) {
      const labels = {
        model: model.key.name,
        version: model.key.version,
        variant: model.key.variant,
      };
      metrics.inferenceQueued.set(labels, model.load.queued);
      metrics.inferenceRunning.set(labels, model.load.running);
    }
  });
  const ctx = {
    config,
    slots,
    metrics,
    logger: logger ?? pino({ level: config.logLevel, base: { service: 'modelship-serving' } }),
    status: { shuttingDown: false, loadError: null, inFlight: 0 },
  } as ServingContext;
  // Both act on the context they belong to.
  ctx.rollouts = new RolloutController(ctx);
  ctx.registryWatcher = new RegistryWatcher(ctx);
  ctx.monitor = new ServingMonitor(config.monitoring, metrics, ctx.logger);
  metrics.onCollect(() => ctx.monitor.collect(slots.all()));
  return ctx;
}
