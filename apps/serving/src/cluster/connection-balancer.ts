import type { Server } from 'node:net';

/**
 * The accepted, not yet read connection a listening handle gives its `onconnection` (a libuv TCP
 * handle); it crosses the cluster's IPC channel as is, and only `close` is called on it here.
 */
export interface ConnectionHandle {
  close(): void;
}

type OnConnection = (this: unknown, status: number, handle?: ConnectionHandle) => void;

// The listening handle under a net.Server: node calls its `onconnection` for every accepted
// connection, before any socket exists or any byte is read.
interface ListenHandle {
  onconnection?: OnConnection;
}

/** How the balancer reaches the cluster's primary (the worker's IPC channel). */
export interface BalancerChannel {
  /** Reports this process's open connections (coalesced by the caller's timer). */
  report(open: number): void;
  /** Hands an accepted connection to the primary, for another process; `done` once it left. */
  handOff(handle: ConnectionHandle, done: (error: Error | null) => void): void;
}

export interface BalancerOptions {
  /**
   * A process hands a new connection over once it holds this many more than the process with
   * the fewest; below, it keeps it (a hand-over costs an IPC round, a connection's imbalance
   * only what it carries). @default 2
   */
  slack?: number;
  /** How often the open connections are counted and reported to the primary (ms). @default 25 */
  tickMs?: number;
  /**
   * Connections are short-lived when more of them arrived over this long (ms) than are open now
   * (their mean lifetime is shorter, by Little's law); those are not handed over. @default 1000
   */
  shortLivedMs?: number;
}

// The listening server as node keeps it: its handle, and how many connections it has open.
interface NetServerState {
  _handle?: ListenHandle | null;
  _connections?: number;
}

/**
 * Keeps a cluster's long-lived connections spread evenly over its processes. Each process still
 * accepts from the shared socket itself (SCHED_NONE), so connections go to whichever process the
 * kernel wakes first: a burst of keep-alive connections (a load balancer's pool, a load test's)
 * can land 14 to 2 on two processes, and one of them then does most of the work for as long as
 * the connections last. Measured on 2 cores, 16 connections: 30,700 req/s split 2 / 14, 36,300
 * split 8 / 8. Here a process holding `slack` more connections than the least loaded one hands a
 * newly accepted connection, before reading a byte of it, to the primary, which passes it to the
 * least loaded process; that process serves it as if it had accepted it.
 *
 * Short-lived connections (one request each, a client without keep-alive) even out on their own,
 * each new one accepted by whichever process is free; handing them over would only delay them
 * (measured: 3% of them handed over cost 15% of the throughput), so they stay where they land.
 * Nothing is done per connection beyond a counter: the open connections are node's own count,
 * read on a timer (a listener per socket cost 5-10% of the throughput without keep-alive).
 */
export class ConnectionBalancer {
  /** The fewest connections another listening process holds, as this one last heard it; null: no other. */
  private fewest: number | null = null;
  private readonly slack: number;
  private readonly tickMs: number;
  private accept: OnConnection | null = null;
  private listenHandle: ListenHandle | null = null;
  private ticker: NodeJS.Timeout | null = null;
  private reported = -1;
  /** Connections kept (accepted here or adopted) since the last tick. */
  private arrived = 0;
  /** Connections kept in each of the last ticks (a ring), and their sum. */
  private readonly arrivals: number[];
  private arrivalsIndex = 0;
  private arrivedRecently = 0;
  /** Connections handed to the primary for another process. */
  handedOver = 0;

  constructor(
    private readonly server: Server,
    private readonly channel: BalancerChannel,
    options: BalancerOptions = {},
  ) {
    this.slack = options.slack ?? 2;
    this.tickMs = options.tickMs ?? 25;
    const ticks = Math.max(1, Math.ceil((options.shortLivedMs ?? 1000) / this.tickMs));
    this.arrivals = new Array<number>(ticks).fill(0);
  }

  /**
   * Starts balancing the listening server's connections; false (and nothing changed) when its
   * listening handle does not have the shape this relies on.
   */
  install(): boolean {
    const state = this.server as unknown as NetServerState;
    const handle = state._handle;
    const accept = handle?.onconnection;
    if (!handle || typeof accept !== 'function' || typeof state._connections !== 'number') {
      return false;
    }
    this.accept = accept;
    this.listenHandle = handle;
    handle.onconnection = (status, connection) => {
      if (status === 0 && connection && this.shouldHandOff()) {
        this.handOff(connection);
      } else {
        this.arrived++;
        accept.call(handle, status, connection);
      }
    };
    this.ticker = setInterval(() => this.tick(), this.tickMs);
    this.ticker.unref();
    this.tick();
    return true;
  }

  /** Connections this process holds now. */
  get connections(): number {
    return (this.server as unknown as NetServerState)._connections ?? 0;
  }

  /** The primary's news: the fewest connections another listening process holds (null: none). */
  updateFewest(fewest: number | null): void {
    this.fewest = fewest;
  }

  /**
   * A connection the primary passed here: served as if accepted here (never handed on again);
   * false when this process no longer listens (the caller refuses it, and the primary passes it on).
   */
  adopt(connection: ConnectionHandle): boolean {
    if (!this.accept || !this.isListening()) return false;
    this.arrived++;
    this.accept.call(this.listenHandle, 0, connection);
    return true;
  }

  /** Stops counting and reporting (the process is draining or gone). */
  stop(): void {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = null;
  }

  // --- internal ---

  private shouldHandOff(): boolean {
    if (this.fewest === null) return false;
    const open = this.connections;
    return open >= this.fewest + this.slack && this.arrivedRecently <= open;
  }

  // Counted at once as the other process's: a burst's next connections see it, before the
  // primary's next news does.
  private handOff(connection: ConnectionHandle): void {
    this.fewest = (this.fewest ?? 0) + 1;
    this.handedOver++;
    this.channel.handOff(connection, (error) => {
      if (!error) return connection.close();
      // The channel is gone (the primary exiting): serve it here rather than drop it.
      if (!this.adopt(connection)) connection.close();
    });
  }

  private isListening(): boolean {
    const handle = (this.server as unknown as NetServerState)._handle;
    return handle !== null && handle !== undefined && handle === this.listenHandle;
  }

  private tick(): void {
    this.arrivedRecently += this.arrived - this.arrivals[this.arrivalsIndex];
    this.arrivals[this.arrivalsIndex] = this.arrived;
    this.arrivalsIndex = (this.arrivalsIndex + 1) % this.arrivals.length;
    this.arrived = 0;
    const open = this.connections;
    if (open === this.reported) return;
    this.reported = open;
    this.channel.report(open);
  }
}
