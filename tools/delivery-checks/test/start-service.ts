// Spawns the serving app as its own process (as a user or a container runs it) and waits until
// /health/ready answers 200.
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { WORKSPACE_ROOT } from './model-fixture.js';
import { findFreePort } from '@modelship/core';

export interface StartServiceOptions {
  /** Folder of a trained bundle (MODEL_DIR). Leave out when `env` names a registry instead. */
  modelDir?: string;
  /** Extra environment, on top of process.env and HOST=127.0.0.1, WORKERS=1, LOG_LEVEL=warn. */
  env?: Record<string, string>;
  /** The command to run; default `node --import tsx apps/serving/src/main.ts`. */
  command?: string[];
  /** Working folder; default the workspace root. */
  cwd?: string;
  /** Start from PATH and HOME only (no process.env, no defaults), as a container does. */
  cleanEnv?: boolean;
  /** How long to wait for /health/ready (ms); default 60 s. */
  readyTimeoutMs?: number;
}

export interface RunningService {
  url: string;
  child: ChildProcess;
  /** Everything the process wrote so far (stdout and stderr). */
  output: () => string;
  /** Sends SIGTERM and resolves with the exit code (null when killed by a signal). */
  stop: (timeoutMs?: number) => Promise<number | null>;
}

/** Starts the serving app on a free loopback port; resolves once /health/ready is 200. */
export async function startService(options: StartServiceOptions = {}): Promise<RunningService> {
  const port = await findFreePort();
  const command = options.command ?? [
    process.execPath,
    '--import',
    'tsx',
    join(WORKSPACE_ROOT, 'apps/serving/src/main.ts'),
  ];
  // A clean environment is what a container has: PATH, HOME and its own ENV lines, nothing else.
  const base: Record<string, string> = options.cleanEnv
    ? { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '' }
    : {
        ...(process.env as Record<string, string>),
        HOST: '127.0.0.1',
        WORKERS: '1',
        LOG_LEVEL: 'warn',
      };
  const env: Record<string, string> = {
    ...base,
    ...options.env,
    ...(options.modelDir ? { MODEL_DIR: options.modelDir } : {}),
    PORT: String(port),
  };
  const [file, ...args] = command as [string, ...string[]];
  const child = spawn(file, args, {
    cwd: options.cwd ?? WORKSPACE_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const service: RunningService = {
    url,
    child,
    output: () => output,
    stop: (timeoutMs = 15_000) => stopChild(child, timeoutMs),
  };
  try {
    await waitUntilReady(service, options.readyTimeoutMs ?? 60_000);
  } catch (error) {
    await stopChild(child, 5_000);
    throw error;
  }
  return service;
}

/**
 * Starts two services side by side. If either fails to start, the other is stopped before the
 * error is thrown: a service nobody holds would keep Jest from exiting (its pipes stay open).
 */
export async function startServicePair(
  first: StartServiceOptions,
  second: StartServiceOptions,
): Promise<[RunningService, RunningService]> {
  const [one, two] = await Promise.allSettled([startService(first), startService(second)]);
  if (one.status === 'fulfilled' && two.status === 'fulfilled') return [one.value, two.value];
  await Promise.all(
    [one, two].map((result) => (result.status === 'fulfilled' ? result.value.stop() : undefined)),
  );
  throw one.status === 'rejected' ? one.reason : (two as PromiseRejectedResult).reason;
}

// --- internal ---

async function waitUntilReady(service: RunningService, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (service.child.exitCode !== null || service.child.signalCode !== null) {
      throw new Error(
        `The service exited (${service.child.exitCode ?? service.child.signalCode}) before it was ready:\n${service.output().slice(-4000)}`,
      );
    }
    try {
      const response = await fetch(`${service.url}/health/ready`);
      last = `${response.status} ${await response.text()}`;
      if (response.status === 200) return;
    } catch (error) {
      last = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(
    `The service at ${service.url} was not ready within ${timeoutMs} ms (last: ${last}):\n${service.output().slice(-4000)}`,
  );
}

async function stopChild(child: ChildProcess, timeoutMs: number): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const [code] = await exited;
  clearTimeout(timer);
  return code;
}
