import type { Writable } from 'node:stream';
import { log, spinner } from '@clack/prompts';

/** Progress shown while a slow step runs. */
export interface Progress {
  start(message: string): void;
  stop(message: string): void;
  fail(message: string): void;
}

/**
 * Progress for a slow step: a spinner on a terminal; without one (CI, a pipe, a log file) plain
 * lines, since spinner frames and cursor codes would fill the log with noise.
 */
export function createProgress(output: Writable & { isTTY?: boolean } = process.stdout): Progress {
  if (output.isTTY !== true) {
    return {
      start: (message) => log.step(`${message}...`, { output }),
      stop: (message) => log.success(message, { output }),
      fail: (message) => log.error(message, { output }),
    };
  }
  const indicator = spinner({ output });
  return {
    start: (message) => indicator.start(message),
    stop: (message) => indicator.stop(message),
    fail: (message) => indicator.error(message),
  };
}
