import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The workspace these sources belong to: `npx` finds the linked `modelship` bin from here down. */
export const WORKSPACE_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `npx modelship <args>` as a person types it, from `cwd` (default: the workspace root).
 * `npm_config_yes=false` makes npx fail rather than fetch a package when the bin is not linked;
 * npm's own warnings are silenced so stderr holds only what modelship printed.
 */
export function npxModelship(
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): CliRun {
  return spawnSync('npx', ['modelship', ...args], {
    cwd: options.cwd ?? WORKSPACE_ROOT,
    encoding: 'utf8',
    env: { ...process.env, npm_config_yes: 'false', npm_config_loglevel: 'error', ...options.env },
  });
}
