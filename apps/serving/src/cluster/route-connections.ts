import type { Worker } from 'node:cluster';
import type { ConnectionHandle } from './connection-balancer.js';
import type { PrimaryToWorker } from './cluster-messages.js';
import { ignoreClosedChannel } from './cluster-messages.js';

// The primary tells the workers who holds the fewest connections at most this often (ms).
const NEWS_EVERY_MS = 20;

/**
 * The primary's side of connection balancing (see ConnectionBalancer): it knows how many
 * connections each listening worker holds, tells each the fewest any other holds, and passes a
 * connection a worker handed over to the least loaded listening worker.
 */
export class ConnectionRouter {
  /** Workers that balance and listen, with their open connections (reports plus what was passed since). */
  private readonly open = new Map<Worker, number>();
  private newsTimer: NodeJS.Timeout | null = null;

  /** A worker's report of its open connections (the first says it balances and listens). */
  report(worker: Worker, open: number): void {
    this.open.set(worker, open);
    this.scheduleNews();
  }

  /** The worker stopped listening (a drain) or exited: no connection goes to it any more. */
  forget(worker: Worker): void {
    this.open.delete(worker);
    this.scheduleNews();
  }

  /**
   * Passes a connection `from` handed over to the least loaded other listening worker (to `from`
   * itself when none other listens and it still does); closes it when no worker listens, as a
   * listener closing with connections in its backlog does.
   */
  route(from: Worker, handle: ConnectionHandle, tried: ReadonlySet<Worker> = new Set()): void {
    let target: Worker | null = null;
    for (const [worker, open] of this.open) {
      if (worker === from || tried.has(worker) || !worker.isConnected()) continue;
      if (target === null || open < (this.open.get(target) as number)) target = worker;
    }
    if (!target && this.open.has(from) && !tried.has(from) && from.isConnected()) target = from;
    if (!target) return handle.close();
    const chosen = target;
    this.open.set(chosen, (this.open.get(chosen) as number) + 1);
    this.scheduleNews();
    const message: PrimaryToWorker = { type: 'modelship:connection' };
    chosen.send(message, handle as never, undefined, (error: Error | null) => {
      if (!error) return handle.close();
      this.forget(chosen);
      this.route(from, handle, new Set([...tried, chosen]));
    });
  }

  stop(): void {
    if (this.newsTimer) clearTimeout(this.newsTimer);
    this.newsTimer = null;
  }

  // --- internal ---

  private scheduleNews(): void {
    if (this.newsTimer) return;
    this.newsTimer = setTimeout(() => {
      this.newsTimer = null;
      this.tellFewest();
    }, NEWS_EVERY_MS);
    this.newsTimer.unref();
  }

  private tellFewest(): void {
    for (const worker of this.open.keys()) {
      let fewest: number | null = null;
      for (const [other, open] of this.open) {
        if (other !== worker && (fewest === null || open < fewest)) fewest = open;
      }
      if (!worker.isConnected()) continue;
      const message: PrimaryToWorker = { type: 'modelship:fewest-connections', fewest };
      worker.send(message, undefined, ignoreClosedChannel);
    }
  }
}
