import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { findFreePort } from '@modelship/core';

/** A server under test in its own process (so it never shares a core's event loop with autocannon). */
export interface BenchServer {
  url: string;
  /**
   * CPU seconds (user + system, every thread) the server process and its child processes (a
   * cluster's workers) have used; NaN off Linux.
   */
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

// /proc/<pid>/stat fields 4, 14 and 15: the parent, user and system time in clock ticks (100 per
// second); the process's own and its living children's.
function readCpuSeconds(pid: number | undefined): number {
  try {
    let ticks = 0;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const fields = readStat(entry);
      if (fields && (entry === String(pid) || fields[1] === String(pid))) {
        ticks += Number(fields[11]) + Number(fields[12]);
      }
    }
    return ticks / 100;
  } catch {
    return Number.NaN;
  }
}

// The fields after the command name (which may hold spaces): state, ppid, ... utime, stime.
function readStat(pid: string): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null; // exited meanwhile
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await once(child, 'exit');
}
