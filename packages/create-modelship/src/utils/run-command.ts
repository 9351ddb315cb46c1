import { spawn } from 'node:child_process';
import { toChildEnv } from './child-env.js';

/** How a command ended: its exit code (null when it could not start) and its combined output. */
export interface CommandResult {
  code: number | null;
  output: string;
}

/**
 * Runs a command without a shell (except on Windows, for npm.cmd), collecting its output. The
 * child never sees how the scaffolder itself was started (see child-env.ts).
 */
export function runCommand(
  command: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<CommandResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const child = spawn(command, args, {
      cwd,
      env: toChildEnv(env),
      shell: process.platform === 'win32',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', (error) => resolve({ code: null, output: error.message }));
    child.on('close', (code) => resolve({ code, output: Buffer.concat(chunks).toString('utf8') }));
  });
}

/** The last lines of a command's output, to show why it failed. */
export function tailOf(output: string, lines = 15): string {
  return output.trimEnd().split('\n').slice(-lines).join('\n');
}
