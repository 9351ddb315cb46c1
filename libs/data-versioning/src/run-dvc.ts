import { execa } from 'execa';
import { DvcCommandError, DvcNotInstalledError } from './errors.js';

export interface RunDvcOptions {
  cwd: string;
  /** `inherit` shows DVC's own progress output (CLI use); `pipe` captures it. @default 'inherit' */
  stdio?: 'inherit' | 'pipe';
  /** Extra environment variables, merged into the current environment. */
  env?: Record<string, string | undefined>;
}

export interface DvcResult {
  command: string;
  stdout: string;
  stderr: string;
}

/**
 * Runs the `dvc` CLI (for `pull`, `push`, `add`, `repro`, `status`, ...).
 * @throws DvcNotInstalledError when `dvc` is not on PATH, saying how to install it
 * @throws DvcCommandError when DVC exits non-zero
 */
export async function runDvc(args: readonly string[], options: RunDvcOptions): Promise<DvcResult> {
  const command = ['dvc', ...args].join(' ');
  const result = await execa('dvc', args, {
    cwd: options.cwd,
    stdio: options.stdio ?? 'inherit',
    ...(options.env ? { env: options.env } : {}),
    reject: false,
  });
  if (result.failed) {
    if (isNotFound(result)) throw new DvcNotInstalledError(command);
    const detail = typeof result.stderr === 'string' ? lastLine(result.stderr) : '';
    throw new DvcCommandError(command, result.exitCode, detail);
  }
  return { command, stdout: String(result.stdout ?? ''), stderr: String(result.stderr ?? '') };
}

function isNotFound(result: { code?: string; cause?: unknown }): boolean {
  return (
    result.code === 'ENOENT' ||
    (result.cause as NodeJS.ErrnoException | undefined)?.code === 'ENOENT'
  );
}

function lastLine(text: string): string {
  return text.trim().split('\n').pop()?.trim() ?? '';
}
