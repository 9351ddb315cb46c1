import type { BatchingOptions } from '../inference/batching-run-queue.js';
import { readChoice, readInteger, readMilliseconds } from './parse-env-values.js';

type Env = Record<string, string | undefined>;

/**
 * Dynamic batching from BATCHING (`on` | `off`, default off), BATCH_MAX_ROWS (64),
 * BATCH_MAX_DELAY_MS (2, may be fractional), BATCH_MAX_QUEUE_ROWS (1024) and
 * BATCH_QUEUE_TIMEOUT_MS (1000); null when off. The BATCH_* values are checked even when off.
 */
export function readBatchingConfig(env: Env): BatchingOptions | null {
  const options: BatchingOptions = {
    maxRows: readInteger(env, 'BATCH_MAX_ROWS', 64, { min: 1, max: 65_536 }),
    maxDelayMs: readMilliseconds(env, 'BATCH_MAX_DELAY_MS', 2),
    maxQueueRows: readInteger(env, 'BATCH_MAX_QUEUE_ROWS', 1024, { min: 1 }),
    queueTimeoutMs: readInteger(env, 'BATCH_QUEUE_TIMEOUT_MS', 1000, { min: 1 }),
  };
  return readChoice(env, 'BATCHING', ['on', 'off'], 'off') === 'on' ? options : null;
}
