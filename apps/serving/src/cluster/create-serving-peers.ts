import cluster from 'node:cluster';
import type { Registry } from 'prom-client';
import type { PrimaryToWorker, WorkerToPrimary } from './cluster-messages.js';
import { ignoreClosedChannel, isModelshipMessage, readClusterSlot } from './cluster-messages.js';
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

  constructor(private readonly registry: Registry) {
    process.on('message', (message: unknown) => {
      if (isModelshipMessage(message)) void this.receive(message as PrimaryToWorker);
    });
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

  private async receive(message: PrimaryToWorker): Promise<void> {
    if (message.type === 'modelship:listeners-closed') {
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
