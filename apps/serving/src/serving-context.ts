import type { Logger } from 'pino';
import type { ServingConfig } from './config/serving-config.js';
import type { ServingMetrics } from './metrics/serving-metrics.js';
import type { ModelSlots } from './models/model-slots.js';
import type { ServingMonitor } from './monitoring/serving-monitor.js';
import type { RegistryWatcher } from './models/registry-watcher.js';
import type { RolloutController } from './rollouts/rollout-controller.js';

/** The service's shared state, handed to every route group and to model loading. */
export interface ServingContext {
  config: ServingConfig;
  slots: ModelSlots;
  metrics: ServingMetrics;
  logger: Logger;
  /** Prediction ids and log, feedback, live accuracy and drift. */
  monitor: ServingMonitor;
  /** The running rollout (one at a time) and its routing. */
  rollouts: RolloutController;
  /** Polls the registry stage and hot-swaps the stable version when it moves. */
  registryWatcher: RegistryWatcher;
  status: {
    /** Set on SIGTERM: readiness turns false and responses ask clients to reconnect elsewhere. */
    shuttingDown: boolean;
    /** Why the last model load failed, for /health/ready; null once a model is loaded. */
    loadError: string | null;
    /** Requests being handled, so shutdown can wait for them. */
    inFlight: number;
  };
}
