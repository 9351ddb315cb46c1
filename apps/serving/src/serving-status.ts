/** The service's own state that readiness, shutdown and model loading read and set. */
export interface ServingStatus {
  /** Set on SIGTERM: readiness turns false and responses ask clients to reconnect elsewhere. */
  shuttingDown: boolean;
  /** Why the last model load failed, for /health/ready; null once a model is loaded. */
  loadError: string | null;
  /** Requests being handled, so shutdown can wait for them. */
  inFlight: number;
}
