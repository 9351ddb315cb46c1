import type { MetricObjectWithValues, MetricValue } from 'prom-client';
import type { PeerCommand, PeerQuestion } from './peer-commands.js';

/** One metric of a worker's registry, as `getMetricsAsJSON` gives it (what crosses the IPC). */
export type MetricJson = MetricObjectWithValues<MetricValue<string>>;

/**
 * The environment variable the primary gives each worker: its slot, 0 to CLUSTER_WORKERS - 1,
 * kept by the process that replaces it. Slot 0 takes the rollout decisions.
 */
export const SLOT_ENV = 'MODELSHIP_CLUSTER_SLOT';

/** This process's cluster slot, or null outside a cluster worker. */
export function readClusterSlot(
  env: Record<string, string | undefined> = process.env,
): number | null {
  const slot = env[SLOT_ENV];
  return slot === undefined ? null : Number(slot);
}

/** Worker -> primary. */
export type WorkerToPrimary =
  | { type: 'modelship:broadcast'; command: PeerCommand }
  | { type: 'modelship:metrics-request'; id: number }
  | { type: 'modelship:metrics-part'; id: number; metrics: MetricJson[] }
  | { type: 'modelship:listener-closed' }
  | { type: 'modelship:ask'; id: number; question: PeerQuestion }
  | { type: 'modelship:reply'; id: number; answer: unknown }
  /** The worker's open connections (coalesced); the first one says it balances connections. */
  | { type: 'modelship:connections'; open: number }
  /** Comes with an accepted connection's handle, for the primary to pass to another worker. */
  | { type: 'modelship:handoff' }
  /** The answer to `modelship:connection` `id`: served here, or refused (not listening). */
  | { type: 'modelship:adopted'; id: number; accepted: boolean };

/** Primary -> worker. */
export type PrimaryToWorker =
  | { type: 'modelship:command'; command: PeerCommand }
  | { type: 'modelship:metrics-collect'; id: number }
  | { type: 'modelship:metrics'; id: number; text: string }
  | { type: 'modelship:listeners-closed' }
  | { type: 'modelship:question'; id: number; question: PeerQuestion }
  | { type: 'modelship:answers'; id: number; answers: unknown[] }
  /** The fewest connections another listening worker holds; null when none other listens. */
  | { type: 'modelship:fewest-connections'; fewest: number | null }
  /**
   * Comes with a connection's handle, accepted by another worker, for this one to serve; the
   * primary keeps its copy until the `modelship:adopted` answer of this `id`.
   */
  | { type: 'modelship:connection'; id: number };

/** Whether an IPC message is one of modelship's (other libraries share the channel). */
export function isModelshipMessage(message: unknown): message is { type: string } {
  const type = (message as { type?: unknown } | null)?.type;
  return typeof type === 'string' && type.startsWith('modelship:');
}

/**
 * The callback of every IPC send: a channel that closes between the connected check and the
 * write (the other side exiting) fails it with EPIPE, which without a callback is an uncaught
 * 'error' that ends the process. What the message asked for times out like a silent peer's answer.
 */
export function ignoreClosedChannel(): void {
  // the other side is gone
}
