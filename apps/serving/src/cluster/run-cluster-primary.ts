import cluster, { type Worker } from 'node:cluster';
import { AggregatorRegistry } from 'prom-client';
import type { Logger } from 'pino';
import type { MetricJson, PrimaryToWorker, WorkerToPrimary } from './cluster-messages.js';
import { ignoreClosedChannel, isModelshipMessage, SLOT_ENV } from './cluster-messages.js';
import type { PeerQuestion } from './peer-commands.js';
import type { ConnectionHandle } from './connection-balancer.js';
import { ConnectionRouter } from './route-connections.js';

export interface ClusterPrimaryOptions {
  /** Serving processes to fork (CLUSTER_WORKERS). */
  workers: number;
  /** SHUTDOWN_TIMEOUT_MS: the workers' drain; the primary waits this plus a margin. */
  shutdownTimeoutMs: number;
  logger: Logger;
}

// A worker's metrics that have not arrived within this are left out of a scrape.
const METRICS_TIMEOUT_MS = 2_000;
// A worker's answer to another's question that has not arrived within this is left out.
const ASK_TIMEOUT_MS = 5_000;
// Extra time past the workers' own shutdown grace before the primary kills what is left.
const SHUTDOWN_MARGIN_MS = 5_000;
// More unexpected exits than this within a minute: the service is crashing, stop it.
const MAX_RESTARTS_PER_MINUTE = 10;

/**
 * The cluster's primary process (CLUSTER_WORKERS >= 2): forks the serving processes, which share
 * the listening port (node:cluster hands each connection to one of them), relays their commands
 * to each other, answers /metrics scrapes with every process's metrics aggregated, replaces a
 * process that dies, and on SIGTERM or SIGINT drains them all and exits once they have.
 * Resolves with the exit code the primary should end with.
 */
export function runClusterPrimary(options: ClusterPrimaryOptions): Promise<number> {
  const { logger } = options;
  // Each process accepts from the shared socket itself. With node's default round robin the
  // primary accepts and hands connections over, and one accepted while the workers close their
  // listeners is dropped: a request lost in a drain, which a lone process never loses.
  cluster.schedulingPolicy = cluster.SCHED_NONE;
  const slots = new WeakMap<Worker, number>();
  const scrapes = new Map<number, Scrape>();
  let nextScrape = 1;
  const asks = new Map<number, Ask>();
  let nextAsk = 1;
  let shuttingDown = false;
  let failedExits = 0;
  // Processes that stopped listening in a drain; once all have, each may tell clients to go.
  const stoppedListening = new Set<Worker>();
  const restarts: number[] = [];
  const router = new ConnectionRouter();

  const fork = (slot: number): void => {
    const worker = cluster.fork({ [SLOT_ENV]: String(slot) });
    slots.set(worker, slot);
    worker.on('message', (message: unknown, handle: unknown) => {
      if (!isModelshipMessage(message)) return;
      if ((message as WorkerToPrimary).type === 'modelship:handoff') {
        if (handle) router.route(worker, handle as ConnectionHandle);
        return;
      }
      onMessage(worker, message as WorkerToPrimary);
    });
  };

  const onMessage = (from: Worker, message: WorkerToPrimary): void => {
    if (message.type === 'modelship:broadcast') {
      for (const worker of listWorkers()) {
        if (worker !== from) send(worker, { type: 'modelship:command', command: message.command });
      }
    } else if (message.type === 'modelship:metrics-request') {
      startScrape(from, message.id);
    } else if (message.type === 'modelship:ask') {
      startAsk(from, message.id, message.question);
    } else if (message.type === 'modelship:reply') {
      const ask = asks.get(message.id);
      if (!ask) return;
      ask.answers.push(message.answer);
      if (--ask.waiting === 0) finishAsk(message.id);
    } else if (message.type === 'modelship:connections') {
      if (!stoppedListening.has(from)) router.report(from, message.open);
    } else if (message.type === 'modelship:adopted') {
      router.adopted(from, message.id, message.accepted);
    } else if (message.type === 'modelship:handoff') {
      // Always comes with a handle, routed before this.
    } else if (message.type === 'modelship:listener-closed') {
      router.forget(from);
      stoppedListening.add(from);
      releaseListeners();
    } else {
      const scrape = scrapes.get(message.id);
      if (!scrape) return;
      scrape.parts.push(message.metrics);
      if (--scrape.waiting === 0) finishScrape(message.id);
    }
  };

  const startAsk = (from: Worker, requestId: number, question: PeerQuestion): void => {
    const id = nextAsk++;
    const others = listWorkers().filter((worker) => worker !== from);
    const timer = setTimeout(() => finishAsk(id), ASK_TIMEOUT_MS);
    asks.set(id, { from, requestId, answers: [], waiting: others.length, timer });
    for (const worker of others) send(worker, { type: 'modelship:question', id, question });
    if (others.length === 0) finishAsk(id);
  };

  const finishAsk = (id: number): void => {
    const ask = asks.get(id);
    if (!ask) return;
    asks.delete(id);
    clearTimeout(ask.timer);
    send(ask.from, { type: 'modelship:answers', id: ask.requestId, answers: ask.answers });
  };

  const releaseListeners = (): void => {
    const workers = listWorkers();
    if (!workers.every((worker) => stoppedListening.has(worker))) return;
    for (const worker of workers) send(worker, { type: 'modelship:listeners-closed' });
  };

  const startScrape = (from: Worker, requestId: number): void => {
    const id = nextScrape++;
    const workers = listWorkers();
    const timer = setTimeout(() => finishScrape(id), METRICS_TIMEOUT_MS);
    scrapes.set(id, { from, requestId, parts: [], waiting: workers.length, timer });
    for (const worker of workers) send(worker, { type: 'modelship:metrics-collect', id });
  };

  const finishScrape = (id: number): void => {
    const scrape = scrapes.get(id);
    if (!scrape) return;
    scrapes.delete(id);
    clearTimeout(scrape.timer);
    AggregatorRegistry.aggregate(scrape.parts)
      .metrics()
      .then(
        (text) => send(scrape.from, { type: 'modelship:metrics', id: scrape.requestId, text }),
        (error: unknown) => logger.error({ err: error }, 'metrics aggregation failed'),
      );
  };

  return new Promise((resolve) => {
    cluster.on('exit', (worker, code, signal) => {
      router.exited(worker);
      if (shuttingDown) {
        releaseListeners();
        if (code !== 0) failedExits++;
        if (listWorkers().length === 0) resolve(failedExits === 0 ? 0 : 1);
        return;
      }
      const now = Date.now();
      restarts.push(now);
      while (restarts[0] < now - 60_000) restarts.shift();
      logger.error(
        { pid: worker.process.pid, code, signal },
        'a serving process exited unexpectedly; starting another',
      );
      if (restarts.length > MAX_RESTARTS_PER_MINUTE) {
        logger.fatal(`more than ${MAX_RESTARTS_PER_MINUTE} restarts in a minute; stopping`);
        shuttingDown = true;
        for (const other of listWorkers()) other.process.kill('SIGTERM');
        if (listWorkers().length === 0) resolve(1);
        return;
      }
      fork(slots.get(worker) ?? 0);
    });
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      // `on`: a second signal (a terminal's Ctrl-C reaches every process) changes nothing.
      process.on(signal, () => {
        if (shuttingDown) return;
        shuttingDown = true;
        logger.info({ signal, workers: listWorkers().length }, 'signal received; draining workers');
        for (const worker of listWorkers()) worker.process.kill('SIGTERM');
        if (listWorkers().length === 0) resolve(0);
        setTimeout(() => {
          for (const worker of listWorkers()) worker.process.kill('SIGKILL');
          resolve(1);
        }, options.shutdownTimeoutMs + SHUTDOWN_MARGIN_MS).unref();
      });
    }
    for (let slot = 0; slot < options.workers; slot++) fork(slot);
    logger.info({ workers: options.workers }, `cluster primary started ${options.workers} workers`);
  });
}

// --- internal ---

interface Ask {
  from: Worker;
  requestId: number;
  answers: unknown[];
  waiting: number;
  timer: NodeJS.Timeout;
}

interface Scrape {
  from: Worker;
  requestId: number;
  parts: MetricJson[][];
  waiting: number;
  timer: NodeJS.Timeout;
}

function listWorkers(): Worker[] {
  return Object.values(cluster.workers ?? {}).filter(
    (worker): worker is Worker => worker !== undefined && !worker.isDead(),
  );
}

// A worker that is exiting is handled by 'exit'; a send racing its exit is ignoreClosedChannel's.
function send(worker: Worker, message: PrimaryToWorker): void {
  if (worker.isConnected()) worker.send(message, undefined, ignoreClosedChannel);
}
