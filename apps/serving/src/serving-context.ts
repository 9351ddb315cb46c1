import type { Logger } from 'pino';
import type { ServingPeers } from './cluster/peer-commands.js';
import type { ServingConfig } from './config/serving-config.js';
import type { ModelLoader } from './models/model-loader.js';
import type { ModelSlots } from './models/model-slots.js';
import type { RegistryHandle } from './models/registry-handle.js';
import type { RegistryWatcher } from './models/registry-watcher.js';
import type { ServingMetrics } from './monitoring/serving-metrics.js';
import type { ServingMonitor } from './monitoring/serving-monitor.js';
import type { RolloutController } from './rollouts/rollout-controller.js';
import type { ServingStatus } from './serving-status.js';

/** The service's shared state, handed to every route group and to model loading. */
export interface ServingContext {
  config: ServingConfig;
  slots: ModelSlots;
  metrics: ServingMetrics;
  logger: Logger;
  /** The one way models are loaded: a bundle folder, or a registry version (warmed). */
  loader: ModelLoader;
  /** The registry served from, opened once and shared by the watcher and the rollouts. */
  registry: RegistryHandle;
  /** Prediction ids and log, feedback, live accuracy and drift. */
  monitor: ServingMonitor;
  /** The running rollout (one at a time) and its routing. */
  rollouts: RolloutController;
  /** Polls the registry stage and hot-swaps the stable version when it moves. */
  registryWatcher: RegistryWatcher;
  status: ServingStatus;
  /** The other serving processes in cluster mode (CLUSTER_WORKERS); none otherwise. */
  peers: ServingPeers;
}
