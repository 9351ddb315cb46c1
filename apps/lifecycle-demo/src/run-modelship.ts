import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository holding the apps (the CLI and the service run from their sources via tsx). */
export const APPS_ROOT = resolve(import.meta.dirname, '../../..');
const CLI = join(APPS_ROOT, 'apps/training/bin/modelship.js');

export interface CommandRun {
  command: string;
  code: number;
  stdout: string;
  stderr: string;
  seconds: number;
  log: string;
}

export interface RunOptions {
  /** The workspace the command runs in (MODELSHIP_ROOT). */
  root: string;
  /** Where the command's output is written, one file per run. */
  logDir: string;
  env?: Record<string, string>;
}

let runs = 0;

/**
 * Runs `modelship <args>` as its own process (the same command a person or CI types), in the
 * demo workspace, and resolves with its exit code and output; the output is also written to
 * `<logDir>/<n>-<command>.log`. It never throws on a non-zero exit: the caller judges the code.
 */
export async function runModelship(
  args: readonly string[],
  options: RunOptions,
): Promise<CommandRun> {
  const started = performance.now();
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: APPS_ROOT,
    env: { ...process.env, ...options.env, MODELSHIP_ROOT: options.root },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number>((done) => {
    child.on('error', (error) => {
      stderr += `\n${error.message}`;
      done(127);
    });
    child.on('close', (exit) => done(exit ?? 1));
  });
  const command = `modelship ${args.join(' ')}`;
  mkdirSync(options.logDir, { recursive: true });
  runs++;
  const log = join(
    options.logDir,
    `${String(runs).padStart(2, '0')}-${args.slice(0, 2).join('-')}.log`,
  );
  writeFileSync(log, `$ ${command}\n# exit ${code}\n\n${stdout}\n--- stderr ---\n${stderr}`);
  return { command, code, stdout, stderr, seconds: (performance.now() - started) / 1000, log };
}

/** The last lines of a run's output, for an error message. */
export function tailOf(run: CommandRun, lines = 6): string {
  return `${run.stdout}\n${run.stderr}`.trim().split('\n').slice(-lines).join('\n');
}
