import type { Server } from 'node:net';
import type { FeedbackItem } from '../monitoring/serving-monitor.js';
import type { RolloutRequest } from '../rollouts/rollout-types.js';

/**
 * What one serving process tells the others in cluster mode, so that every process routes the
 * same way: the rollout started, moved a step or ended there, or the registry should be polled.
 */
export type PeerCommand =
  | { kind: 'rollout-start'; request: RolloutRequest }
  | { kind: 'rollout-step'; step: number }
  | {
      kind: 'rollout-finish';
      outcome: 'promoted' | 'rolled_back' | 'aborted' | 'switched';
      reason: string;
    }
  | { kind: 'reload' };

/**
 * What one process asks the others (cluster mode), each answering for itself: labels for
 * predictions it does not know (each process keeps its own prediction log).
 */
export interface PeerQuestion {
  kind: 'feedback';
  items: FeedbackItem[];
}

/**
 * The other serving processes, as one process sees them. Outside cluster mode there are none:
 * the process is the leader, broadcasts go nowhere and /metrics is its own registry.
 */
export interface ServingPeers {
  /** True in the one process that takes timed rollout decisions (canary checks, blue/green window). */
  readonly leader: boolean;
  /** Tells every other process; commands never come back to their sender. */
  broadcast(command: PeerCommand): void;
  /** Calls `handler` with each command another process broadcasts. */
  onCommand(handler: (command: PeerCommand) => void): void;
  /** Asks every other process; resolves with their answers (none alone, or after a timeout). */
  ask(question: PeerQuestion): Promise<unknown[]>;
  /** Answers the other processes' questions (one handler). */
  onQuestion(handler: (question: PeerQuestion) => Promise<unknown>): void;
  /** The Prometheus text of every process's metrics, aggregated (counters and histograms summed). */
  collectMetrics(): Promise<string>;
  /**
   * Called once this process has stopped listening in a drain: resolves once every process has
   * (or after a short wait), so none tells a client to reconnect to a listener about to close.
   */
  closeListenersTogether(): Promise<void>;
  /**
   * Counts the listening server's connections in /metrics, by process, and with `balance` spreads
   * them evenly over the processes (see ConnectionBalancer). False when balancing was asked for
   * and this Node.js cannot; alone there is nothing to do (true).
   */
  watchConnections(server: Server, balance: boolean): boolean;
}
