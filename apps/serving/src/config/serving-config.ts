import { availableParallelism } from 'node:os';
import { isAbsolute, join } from 'node:path';
import type { Stage, VersionSelector } from '@modelship/model-registry';
import { findWorkspaceRoot, resolveRegistryUrl, STAGES } from '@modelship/model-registry';
import type { BatchingOptions } from '../inference/batching-run-queue.js';
import { readRolloutEnv } from '../rollouts/read-rollout-env.js';
import type { RolloutRequest } from '../rollouts/rollout-types.js';
import { ConfigError } from './config-error.js';
import {
  readByteSize,
  readChoice,
  readEnv,
  readInteger,
  readMilliseconds,
} from './parse-env-values.js';
import { readBatchingConfig } from './read-batching-config.js';
import { readInputLimitsConfig, type InputLimitsConfig } from './read-input-limits-config.js';
import { readMonitoringConfig, type MonitoringConfig } from './read-monitoring-config.js';
import { readParamsModelName } from './read-params-model-name.js';
import { readSafetyConfig, type SafetyConfig } from './read-safety-config.js';
import {
  readServerTimeoutsConfig,
  type ServerTimeoutsConfig,
} from './read-server-timeouts-config.js';

/** Where the served model comes from: a registry (by stage or version) or a baked-in folder. */
export type ModelSource =
  | { kind: 'registry'; url: string; name: string | null; selector: VersionSelector }
  | { kind: 'directory'; dir: string };

/** Everything the service reads from its environment, validated once at start. */
export interface ServingConfig {
  port: number;
  host: string;
  model: ModelSource;
  /** Where registry bundles are fetched to before they are verified and loaded. */
  cacheDir: string;
  /** Serving processes (CLUSTER_WORKERS): 1 serves in this process; more fork a node:cluster. */
  clusterWorkers: number;
  /**
   * How a cluster's connections are spread (CLUSTER_BALANCE): `connections` evens out the open
   * connections of its processes; `kernel` leaves each connection where it was accepted.
   */
  clusterBalance: 'connections' | 'kernel';
  workers: number;
  /** The longest one inline run may hold the event loop (INLINE_MAX_MS); 0: workers only. */
  inlineMaxMs: number;
  maxQueue: number;
  /** Dynamic batching (BATCHING=on and BATCH_*); null when off. */
  batching: BatchingOptions | null;
  maxInstances: number;
  bodyLimit: number;
  /** Admin API token; null disables the admin API. */
  adminToken: string | null;
  /** What a category outside the input schema's list does: the feature spec's `<other>`, or 400. */
  unknownCategories: 'accept' | 'reject';
  shutdownTimeoutMs: number;
  /** How often the registry stage is polled for a new version (ms); 0: only on POST /admin/reload. */
  registryPollMs: number;
  /** The rollout to start once the stable version is loaded (ROLLOUT_*), or null. */
  rollout: RolloutRequest | null;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Log lines are written in blocks of about this many bytes (LOG_BUFFER_BYTES, at most 1 MiB), 0: each at once. */
  logBufferBytes: number;
  /** Prediction log, feedback store, live accuracy and drift windows. */
  monitoring: MonitoringConfig;
  /** Rate limiting and CORS. */
  safety: SafetyConfig;
  /** Slow-client limits on the HTTP server: headers, whole request, idle keep-alive. */
  timeouts: ServerTimeoutsConfig;
  /** Tensor elements, JSON depth and string length a request may have. */
  limits: InputLimitsConfig;
}

const SERVING_STAGES = STAGES.filter((stage) => stage !== 'none');

/**
 * Reads the service's configuration from environment variables (see apps/serving/README.md).
 * Throws ConfigError naming the variable, its value and what it accepts.
 */
export function loadServingConfig(
  env: Record<string, string | undefined> = process.env,
  root = findWorkspaceRoot(),
): ServingConfig {
  return {
    port: readInteger(env, 'PORT', 8080, { max: 65535 }),
    host: readEnv(env, 'HOST') ?? '0.0.0.0',
    model: readModelSource(env, root),
    cacheDir: resolvePath(root, readEnv(env, 'MODEL_CACHE_DIR') ?? 'tmp/serving/models'),
    clusterWorkers: readClusterWorkers(env),
    clusterBalance: readChoice(env, 'CLUSTER_BALANCE', ['connections', 'kernel'], 'connections'),
    workers: readInteger(env, 'WORKERS', availableParallelism(), { min: 1, max: 256 }),
    inlineMaxMs: readMilliseconds(env, 'INLINE_MAX_MS', 0.5),
    maxQueue: readInteger(env, 'MAX_QUEUE', 256, { min: 0 }),
    batching: readBatchingConfig(env),
    maxInstances: readInteger(env, 'MAX_INSTANCES', 1000, { min: 1 }),
    bodyLimit: readByteSize(env, 'BODY_LIMIT', 1024 * 1024),
    adminToken: readAdminToken(env),
    unknownCategories: readChoice(env, 'UNKNOWN_CATEGORIES', ['accept', 'reject'], 'accept'),
    shutdownTimeoutMs: readInteger(env, 'SHUTDOWN_TIMEOUT_MS', 10_000),
    registryPollMs: readInteger(env, 'REGISTRY_POLL_MS', 10_000),
    rollout: readRolloutEnv(env),
    logLevel: readChoice(
      env,
      'LOG_LEVEL',
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
      'info',
    ),
    // A SIGKILL loses at most this much of the log (or LOG_FLUSH_MS of it).
    logBufferBytes: readInteger(env, 'LOG_BUFFER_BYTES', 65_536, { min: 0, max: 1_048_576 }),
    monitoring: readMonitoringConfig(env, root),
    safety: readSafetyConfig(env),
    timeouts: readServerTimeoutsConfig(env),
    limits: readInputLimitsConfig(env),
  };
}

// --- internal ---

function readModelSource(env: Record<string, string | undefined>, root: string): ModelSource {
  const dir = readEnv(env, 'MODEL_DIR');
  if (dir !== undefined) return { kind: 'directory', dir: resolvePath(root, dir) };
  const stage = readEnv(env, 'MODEL_STAGE');
  const version = readEnv(env, 'MODEL_VERSION');
  if (stage !== undefined && version !== undefined) {
    throw new ConfigError('MODEL_VERSION', version, 'set MODEL_STAGE or MODEL_VERSION, not both.');
  }
  let selector: VersionSelector = { stage: 'production' };
  if (version !== undefined) {
    selector = { version: readInteger(env, 'MODEL_VERSION', 0, { min: 1 }) };
  } else if (stage !== undefined) {
    selector = { stage: readChoice(env, 'MODEL_STAGE', SERVING_STAGES, 'production') as Stage };
  }
  return {
    kind: 'registry',
    // MODEL_REGISTRY wins over params.yaml: the environment is how a deployment is configured.
    url: readEnv(env, 'MODEL_REGISTRY') ?? resolveRegistryUrl(root, {}),
    name: readEnv(env, 'MODEL_NAME') ?? readParamsModelName(root),
    selector,
  };
}

// `auto`: one serving process per core.
function readClusterWorkers(env: Record<string, string | undefined>): number {
  const raw = readEnv(env, 'CLUSTER_WORKERS');
  if (raw === 'auto') return availableParallelism();
  if (raw !== undefined && !/^\d+$/.test(raw)) {
    throw new ConfigError('CLUSTER_WORKERS', raw, 'expected `auto` or an integer from 1 to 256.');
  }
  return readInteger(env, 'CLUSTER_WORKERS', 1, { min: 1, max: 256 });
}

function readAdminToken(env: Record<string, string | undefined>): string | null {
  const token = readEnv(env, 'ADMIN_TOKEN');
  if (token === undefined) return null;
  if (token.length < 16) {
    throw new ConfigError(
      'ADMIN_TOKEN',
      '<hidden>',
      'use at least 16 characters, e.g. `openssl rand -hex 32`.',
    );
  }
  return token;
}

function resolvePath(root: string, path: string): string {
  return isAbsolute(path) ? path : join(root, path);
}
