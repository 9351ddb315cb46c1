import type { Worker } from 'node:cluster';
import type { ConnectionHandle } from './connection-balancer.js';
import type { PrimaryToWorker } from './cluster-messages.js';
import { ignoreClosedChannel } from './cluster-messages.js';

// The primary tells the workers who holds the fewest connections at most this often (ms).
const NEWS_EVERY_MS = 20;

/** A connection on its way to a worker: the primary holds its copy until the worker answers. */
interface Passing {
  from: Worker;
  to: Worker;
  handle: ConnectionHandle;
  tried: ReadonlySet<Worker>;
}

/**
 * The primary's side of connection balancing (see ConnectionBalancer): it knows how many
 * connections each listening worker holds, tells each the fewest any other holds, and passes a
 * connection a worker handed over to the least loaded listening worker.
 *
 * A passed connection is not let go until the worker that got it answers that it serves it: a
 * worker that refuses it (no longer listening), that cannot be sent to, or that exits
 * without an answer (it died: a send to a process that just died still succeeds) has it passed
 * to another. Nothing of it was read meanwhile: a worker reads a connection only once it
 * adopted it, and answers in the same turn.
 */
export class ConnectionRouter {
  /** Workers that balance and listen, with their open connections (reports plus what was passed since). */
  private readonly open = new Map<Worker, number>();
  private readonly passing = new Map<number, Passing>();
  private nextId = 1;
  private newsTimer: NodeJS.Timeout | null = null;

  /** A worker's report of its open connections (the first says it balances and listens). */
  report(worker: Worker, open: number): void {
    this.open.set(worker, open);
    this.scheduleNews();
  }

  /** The worker stopped listening (a drain) or exited: no connection goes to it any more. */
  forget(worker: Worker): void {
    if (this.open.delete(worker)) this.scheduleNews();
  }

  /**
   * The worker exited: the connections it did not answer for go to another worker. Its channel
   * never reports closing while a handle sent on it waits for the receipt a dead process cannot
   * send, so this follows the exit, one turn later: an answer it wrote before dying is in its
   * channel by then and is read first.
   */
  exited(worker: Worker): void {
    this.forget(worker);
    setImmediate(() => {
      const unanswered = [...this.passing].filter(([, passing]) => passing.to === worker);
      for (const [id] of unanswered) this.passOn(id);
    });
  }

  /** The worker's answer for connection `id`: it serves it (the primary's copy closes), or not. */
  adopted(worker: Worker, id: number, accepted: boolean): void {
    const passing = this.passing.get(id);
    if (!passing || passing.to !== worker) return;
    if (!accepted) return this.passOn(id);
    this.passing.delete(id);
    passing.handle.close();
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
    const to = target;
    this.open.set(to, (this.open.get(to) as number) + 1);
    this.scheduleNews();
    const id = this.nextId++;
    this.passing.set(id, { from, to, handle, tried });
    const message: PrimaryToWorker = { type: 'modelship:connection', id };
    to.send(message, handle as never, undefined, (error: Error | null) => {
      if (error) this.passOn(id);
    });
  }

  /** Connections passed to a worker that has not answered yet. */
  get waiting(): number {
    return this.passing.size;
  }

  stop(): void {
    if (this.newsTimer) clearTimeout(this.newsTimer);
    this.newsTimer = null;
  }

  // --- internal ---

  // The worker connection `id` went to will not serve it: to another one.
  private passOn(id: number): void {
    const passing = this.passing.get(id);
    if (!passing) return;
    this.passing.delete(id);
    this.forget(passing.to);
    this.route(passing.from, passing.handle, new Set([...passing.tried, passing.to]));
  }

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
