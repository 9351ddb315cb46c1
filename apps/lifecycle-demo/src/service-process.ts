import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DemoError } from './demo-error.js';
import { APPS_ROOT } from './run-modelship.js';
import { findFreePort } from '@modelship/core';

export interface ServiceProcess {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts apps/serving as its own process (`node --import tsx apps/serving/src/main.ts`) on a free
 * local port with the given environment, logging to `<logDir>/serving.log`, and resolves once
 * `/health/ready` answers 200. Training never imports the service: it talks to it over HTTP.
 */
export async function startService(options: {
  root: string;
  logDir: string;
  env: Record<string, string>;
  readyTimeoutMs?: number;
}): Promise<ServiceProcess> {
  const port = await findFreePort();
  mkdirSync(options.logDir, { recursive: true });
  const log = createWriteStream(join(options.logDir, 'serving.log'));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(APPS_ROOT, 'apps/serving/src/main.ts')],
    {
      cwd: APPS_ROOT,
      env: {
        ...process.env,
        ...options.env,
        MODELSHIP_ROOT: options.root,
        HOST: '127.0.0.1',
        PORT: String(port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const url = `http://127.0.0.1:${port}`;
  const service = { url, stop: () => stopChild(child) };
  const until = Date.now() + (options.readyTimeoutMs ?? 120_000);
  while (Date.now() < until) {
    if (child.exitCode !== null) break;
    const ready = await fetch(`${url}/health/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return service;
    await sleep(300);
  }
  await service.stop();
  throw new DemoError(
    'E_DEMO_SERVICE',
    `the service did not become ready at ${url} (exit ${child.exitCode ?? 'none'}); see ${join(options.logDir, 'serving.log')}.`,
    'serve',
  );
}

// --- internal ---

// SIGTERM drains in-flight requests; SIGKILL only if it has not exited after 20 s.
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}
