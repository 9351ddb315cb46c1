import cluster from 'node:cluster';
import type { Server } from 'node:net';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { PrimaryToWorker, WorkerToPrimary } from './cluster-messages.js';
import { ignoreClosedChannel, isModelshipMessage, readClusterSlot } from './cluster-messages.js';
import type { ConnectionHandle } from './connection-balancer.js';
import { ConnectionBalancer } from './connection-balancer.js';
import type { PeerCommand, PeerQuestion, ServingPeers } from './peer-commands.js';

// A scrape waits this long for the primary's aggregate before answering with this process's own.
const SCRAPE_TIMEOUT_MS = 5_000;
// A drain waits at most this long for the other processes to stop listening.
const LISTENERS_TIMEOUT_MS = 1_000;
// A question gets the answers that arrived within this (the primary waits a little less).
const ASK_TIMEOUT_MS = 6_000;

/**
 * The other serving processes: through the cluster primary in a cluster worker, none otherwise.
 * `registry` is this process's metrics, what the primary collects from it.
 */
export function createServingPeers(registry: Registry): ServingPeers {
  return cluster.isWorker && process.send ? new ClusterPeers(registry) : new NoPeers(registry);
}

// --- internal ---

class NoPeers implements ServingPeers {
  readonly leader = true;
  constructor(private readonly registry: Registry) {}
  broadcast(): void {
    // Alone: nobody to tell.
  }
  onCommand(): void {
    // Alone: no command ever comes.
  }
  ask(): Promise<unknown[]> {
    return Promise.resolve([]);
  }
  onQuestion(): void {
    // Alone: nobody asks.
  }
  collectMetrics(): Promise<string> {
    return this.registry.metrics();
  }
  closeListenersTogether(): Promise<void> {
    return Promise.resolve();
  }
  watchConnections(): boolean {
    return true;
  }
}

class ClusterPeers implements ServingPeers {
  readonly leader = readClusterSlot() === 0;
  private readonly handlers: Array<(command: PeerCommand) => void> = [];
  private readonly scrapes = new Map<number, (text: string) => void>();
  private nextScrape = 1;
  private listenersClosed: (() => void) | null = null;
  private readonly questions = new Map<number, (answers: unknown[]) => void>();
  private nextQuestion = 1;
  private answer: (question: PeerQuestion) => Promise<unknown> = () => Promise.resolve(null);
  private balancer: ConnectionBalancer | null = null;

  constructor(private readonly registry: Registry) {
    process.on('message', (message: unknown, handle: unknown) => {
      if (isModelshipMessage(message)) {
        void this.receive(message as PrimaryToWorker, handle as ConnectionHandle | undefined);
      }
    });
  }

  watchConnections(server: Server, balance: boolean): boolean {
    const slot = String(readClusterSlot() ?? 0);
    const balancer = balance ? this.startBalancer(server, slot) : null;
    const state = server as unknown as { _connections?: number };
    new Gauge({
      name: 'modelship_cluster_connections',
      help: 'Open client connections, by serving process (cluster mode)',
      labelNames: ['process'],
      registers: [this.registry],
      collect() {
        this.set({ process: slot }, balancer?.connections ?? state._connections ?? 0);
      },
    });
    return !balance || balancer !== null;
  }

  private startBalancer(server: Server, slot: string): ConnectionBalancer | null {
    const handedOver = new Counter({
      name: 'modelship_cluster_connections_handed_over_total',
      help: 'Connections a serving process accepted and handed to a less loaded one',
      labelNames: ['process'],
      registers: [this.registry],
    });
    const balancer = new ConnectionBalancer(server, {
      report: (open) => this.send({ type: 'modelship:connections', open }),
      handOff: (handle, done) => {
        handedOver.inc({ process: slot });
        if (!process.connected || !process.send) return done(new Error('no IPC channel'));
        process.send({ type: 'modelship:handoff' }, handle as never, undefined, (error) =>
          done(error ?? null),
        );
      },
    });
    if (!balancer.install()) {
      this.registry.removeSingleMetric('modelship_cluster_connections_handed_over_total');
      return null;
    }
    this.balancer = balancer;
    return balancer;
  }

  broadcast(command: PeerCommand): void {
    this.send({ type: 'modelship:broadcast', command });
  }

  onCommand(handler: (command: PeerCommand) => void): void {
    this.handlers.push(handler);
  }

  ask(question: PeerQuestion): Promise<unknown[]> {
    const id = this.nextQuestion++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.questions.delete(id);
        resolve([]);
      }, ASK_TIMEOUT_MS);
      this.questions.set(id, (answers) => {
        clearTimeout(timer);
        resolve(answers);
      });
      this.send({ type: 'modelship:ask', id, question });
    });
  }

  onQuestion(handler: (question: PeerQuestion) => Promise<unknown>): void {
    this.answer = handler;
  }

  collectMetrics(): Promise<string> {
    const id = this.nextScrape++;
    return new Promise((resolve) => {
      // The primary gone or slow: this process's own metrics beat no answer.
      const timer = setTimeout(() => {
        this.scrapes.delete(id);
        resolve(this.registry.metrics());
      }, SCRAPE_TIMEOUT_MS);
      this.scrapes.set(id, (text) => {
        clearTimeout(timer);
        resolve(text);
      });
      this.send({ type: 'modelship:metrics-request', id });
    });
  }

  closeListenersTogether(): Promise<void> {
    this.balancer?.stop();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.listenersClosed?.(), LISTENERS_TIMEOUT_MS);
      this.listenersClosed = () => {
        clearTimeout(timer);
        this.listenersClosed = null;
        resolve();
      };
      this.send({ type: 'modelship:listener-closed' });
    });
  }

  private async receive(message: PrimaryToWorker, handle?: ConnectionHandle): Promise<void> {
    if (message.type === 'modelship:connection') {
      if (!handle) return;
      // Refused when not listening any more (a drain began): the primary, which kept its copy
      // until this answer, passes it to a process that is.
      const accepted = this.balancer?.adopt(handle) ?? false;
      this.send({ type: 'modelship:adopted', id: message.id, accepted });
      if (!accepted) handle.close();
    } else if (message.type === 'modelship:fewest-connections') {
      this.balancer?.updateFewest(message.fewest);
    } else if (message.type === 'modelship:listeners-closed') {
      this.listenersClosed?.();
    } else if (message.type === 'modelship:question') {
      const answer = await this.answer(message.question).catch(() => null);
      this.send({ type: 'modelship:reply', id: message.id, answer });
    } else if (message.type === 'modelship:answers') {
      const resolve = this.questions.get(message.id);
      this.questions.delete(message.id);
      resolve?.(message.answers);
    } else if (message.type === 'modelship:command') {
      for (const handler of this.handlers) handler(message.command);
    } else if (message.type === 'modelship:metrics-collect') {
      const metrics = await this.registry.getMetricsAsJSON();
      this.send({ type: 'modelship:metrics-part', id: message.id, metrics });
    } else {
      const answer = this.scrapes.get(message.id);
      this.scrapes.delete(message.id);
      answer?.(message.text);
    }
  }

  private send(message: WorkerToPrimary): void {
    if (process.connected) process.send?.(message, ignoreClosedChannel);
  }
}
