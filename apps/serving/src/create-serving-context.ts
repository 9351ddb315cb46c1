import { pino } from 'pino';
import type { Logger } from 'pino';
import { createServingPeers } from './cluster/create-serving-peers.js';
import type { ServingConfig } from './config/serving-config.js';
import { ModelLoader } from './models/model-loader.js';
import { ModelSlots } from './models/model-slots.js';
import { RegistryHandle } from './models/registry-handle.js';
import { RegistryWatcher } from './models/registry-watcher.js';
import { createServingMetrics } from './monitoring/serving-metrics.js';
import { answerPeerFeedback } from './monitoring/receive-feedback-anywhere.js';
import { ServingMonitor } from './monitoring/serving-monitor.js';
import { RolloutController } from './rollouts/rollout-controller.js';
import type { ServingContext } from './serving-context.js';
import type { ServingStatus } from './serving-status.js';

/** Builds the shared state of one service instance: empty model slots, fresh metrics, a logger. */
export function createServingContext(config: ServingConfig, logger?: Logger): ServingContext {
  const log = logger ?? pino({ level: config.logLevel, base: { service: 'modelship-serving' } });
  const slots = new ModelSlots();
  const metrics = createServingMetrics();
  metrics.onCollect(() => {
    metrics.inferenceQueued.reset();
    metrics.inferenceRunning.reset();
    metrics.inferenceInlineMaxRows.reset();
    for (const model of slots.all()) {
      const labels = {
        model: model.key.name,
        version: model.key.version,
        variant: model.key.variant,
      };
      metrics.inferenceQueued.set(labels, model.load.queued);
      metrics.inferenceRunning.set(labels, model.load.running);
      metrics.inferenceInlineMaxRows.set(labels, model.inline?.maxRows ?? 0);
    }
  });
  const status: ServingStatus = { shuttingDown: false, loadError: null, inFlight: 0 };
  // Requests count themselves in `status.inFlight`; the gauge reads it at each scrape (no
  // metric call per request).
  metrics.onCollect(() => metrics.httpInFlight.set(status.inFlight));
  const source = config.model;
  const registry = new RegistryHandle(source.kind === 'registry' ? source.url : null);
  const loader = new ModelLoader({
    cacheDir: config.cacheDir,
    workers: config.workers,
    inlineMaxMs: config.inlineMaxMs,
    maxQueue: config.maxQueue,
    batching: config.batching,
    onRejected: (reason) => metrics.rejected.inc({ reason }),
    onLoaded: (result) => metrics.modelLoads.inc({ result }),
  });
  const peers = createServingPeers(metrics.registry);
  const monitor = new ServingMonitor(config.monitoring, metrics, log, config.limits);
  metrics.onCollect(() => monitor.collect(slots.all()));
  answerPeerFeedback(monitor, peers);
  const shared = { source, registry, loader, slots, metrics, logger: log, status };
  const rollouts = new RolloutController({ ...shared, monitor, peers });
  const registryWatcher = new RegistryWatcher({
    ...shared,
    pollMs: config.registryPollMs,
    rolloutActive: () => rollouts.isActive,
  });
  return {
    config,
    slots,
    metrics,
    logger: log,
    loader,
    registry,
    monitor,
    rollouts,
    registryWatcher,
    status,
    peers,
  };
}
