import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { findFreePort } from '@modelship/core';

/** A server under test in its own process (so it never shares a core's event loop with autocannon). */
export interface BenchServer {
  url: string;
  /** CPU seconds (user + system, every thread) the server process has used; NaN off Linux. */
  cpuSeconds: () => number;
  stop: () => Promise<void>;
}

/**
 * Starts `node --import tsx <script> ...args` on a free loopback port (PORT, HOST set in its
 * environment) and resolves once `readyPath` answers 200.
 */
export async function startBenchServer(
  script: string,
  args: string[],
  env: Record<string, string>,
  readyPath: string,
): Promise<BenchServer> {
  const port = await findFreePort();
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilReady(child, `${url}${readyPath}`);
  return { url, cpuSeconds: () => readCpuSeconds(child.pid), stop: () => stopChild(child) };
}

// --- internal ---

async function waitUntilReady(child: ChildProcess, url: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`${url}: the server exited with ${child.exitCode}`);
    try {
      // The baseline answers anything (400 to a GET); the service answers 503 until ready.
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  await stopChild(child);
  throw new Error(`${url} did not become ready within 120 s`);
}

// /proc/<pid>/stat fields 14 and 15: user and system time in clock ticks (100 per second).
function readCpuSeconds(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await once(child, 'exit');
}
