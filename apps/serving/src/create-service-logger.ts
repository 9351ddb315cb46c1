import type { Logger } from 'pino';
import { pino } from 'pino';
import type { ServingConfig } from './config/serving-config.js';

/** The longest a buffered log line waits before it is written. */
export const LOG_FLUSH_MS = 100;

/**
 * The service's logger: JSON lines on stdout at LOG_LEVEL. With LOG_BUFFER_BYTES above 0 (4096
 * by default) lines are written in blocks of about that size, and at the latest LOG_FLUSH_MS
 * after they were logged. Each write is a system call made on libuv's thread pool, with its
 * thread's wake-up: one per request line at low concurrency, which costs a single connection's
 * throughput about 8% (serving README, Performance). A drain ends through `exitAfterLogs`,
 * which waits for every write. Any other exit that runs the process's exit handlers (an uncaught
 * exception or rejection, `process.exit`) writes what is still buffered at once, through pino's
 * handler. A SIGKILL (an OOM kill) loses it: at most LOG_BUFFER_BYTES, or LOG_FLUSH_MS of lines.
 * LOG_BUFFER_BYTES=0 writes each line at once.
 */
export function createServiceLogger(
  config: Pick<ServingConfig, 'logLevel' | 'logBufferBytes'>,
  fd = 1,
): Logger {
  const destination = pino.destination({
    dest: fd,
    sync: false,
    minLength: config.logBufferBytes,
    // An unref'd timer: it never keeps the process alive.
    periodicFlush: config.logBufferBytes > 0 ? LOG_FLUSH_MS : 0,
  });
  return pino({ level: config.logLevel }, destination);
}

/** The longest an exit waits for the log's writes (a stdout nobody reads never drains). */
const EXIT_FLUSH_TIMEOUT_MS = 2000;

/**
 * Ends the process once every log line is written, in order. pino's own exit handler writes what
 * is still buffered, synchronously, but a block already handed to the thread pool can land after
 * it (or, if the process ends first, not at all); a drain ends here instead.
 */
export function exitAfterLogs(logger: Logger, code: number): void {
  const timer = setTimeout(() => process.exit(code), EXIT_FLUSH_TIMEOUT_MS);
  logger.flush(() => {
    clearTimeout(timer);
    process.exit(code);
  });
}
