import { ConfigError } from './config-error.js';
import { readInteger } from './parse-env-values.js';

type Env = Record<string, string | undefined>;

/** How long the HTTP server waits on a client (apps/serving/README.md, "Slow clients"). */
export interface ServerTimeoutsConfig {
  /** A request's headers must arrive within this (ms) of its first byte, else 408 and close. */
  headersTimeoutMs: number;
  /** The whole request, headers and body, must arrive within this (ms), else 408 and close. */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this (ms); above any load balancer's idle. */
  keepAliveTimeoutMs: number;
}

/**
 * Reads HEADERS_TIMEOUT_MS (10 s), REQUEST_TIMEOUT_MS (30 s) and KEEP_ALIVE_TIMEOUT_MS (65 s).
 * Node requires headers <= request; it times headers from each request's first byte, so an idle
 * keep-alive connection longer than HEADERS_TIMEOUT_MS is fine (no ordering with keep-alive).
 */
export function readServerTimeoutsConfig(env: Env): ServerTimeoutsConfig {
  const range = { min: 1, max: 3_600_000 };
  const config: ServerTimeoutsConfig = {
    headersTimeoutMs: readInteger(env, 'HEADERS_TIMEOUT_MS', 10_000, range),
    requestTimeoutMs: readInteger(env, 'REQUEST_TIMEOUT_MS', 30_000, range),
    keepAliveTimeoutMs: readInteger(env, 'KEEP_ALIVE_TIMEOUT_MS', 65_000, range),
  };
  if (config.headersTimeoutMs > config.requestTimeoutMs) {
    throw new ConfigError(
      'HEADERS_TIMEOUT_MS',
      String(config.headersTimeoutMs),
      `must not exceed REQUEST_TIMEOUT_MS (${config.requestTimeoutMs}): the headers are part of the request.`,
    );
  }
  return config;
}
