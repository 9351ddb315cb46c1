import type { Logger } from 'pino';
import type { ServingConfig } from './config/serving-config.js';
import type { ServingMetrics } from './metrics/serving-metrics.js';
import type { ModelSlots } from './models/model-slots.js';

/** The service's shared state, handed to every route group and to model loading. */
export interface ServingContext {
  config: ServingConfig;
  slots: ModelSlots;
  metrics: ServingMetrics;
  logger: Logger;
  status: {
    /** Set on SIGTERM: readiness turns false and responses ask clients to reconnect elsewhere. */
    shuttingDown: boolean;
    /** Why the last model load failed, for /health/ready; null once a model is loaded. */
    loadError: string | null;
    /** Requests being handled, so shutdown can wait for them. */
    inFlight: number;
  };
}
