import { fileURLToPath } from 'node:url';
import { log } from '@clack/prompts';
import { createProgress, type Progress } from './create-progress.js';

export type { Progress } from './create-progress.js';

/** Where a run prints; tests pass one that records. */
export interface Logger {
  info(message: string): void;
  success(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  note(message: string, title: string): void;
  progress(): Progress;
}

/** Everything a run reads from its surroundings, so tests can run it in-process. */
export interface RunContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdinIsTTY: boolean;
  /** The folder holding the workspace files (`template/` beside `dist/` in the package). */
  templateDir: string;
  log: Logger;
}

const clackLogger: Logger = {
  info: (message) => log.info(message),
  success: (message) => log.success(message),
  warn: (message) => log.warn(message),
  error: (message) => log.error(message),
  // Not clack's boxed note: it wraps long lines, and commands must stay copyable.
  note: (message, title) => {
    log.step(title);
    process.stdout.write(`${message.replace(/^(?=.)/gm, '   ')}\n`);
  },
  progress: () => createProgress(process.stdout),
};

export function createRunContext(): RunContext {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdinIsTTY: process.stdin.isTTY === true,
    templateDir: fileURLToPath(new URL('../../template', import.meta.url)),
    log: clackLogger,
  };
}
