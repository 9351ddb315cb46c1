import { writeSync } from 'node:fs';
import type { DestinationStream, Logger } from 'pino';
import { pino } from 'pino';
import type { ServingConfig } from './config/serving-config.js';
import { VALID_REQUEST_ID } from './http/request-context.js';

/** The longest a buffered log line waits before it is written. */
export const LOG_FLUSH_MS = 100;

/**
 * The service's logger: JSON lines on stdout at LOG_LEVEL. With LOG_BUFFER_BYTES above 0 (64 KB
 * by default) lines are written in blocks of about that size, and at the latest LOG_FLUSH_MS
 * after they were logged. Each write is a system call made on libuv's thread pool, with its
 * thread's wake-up: one per request line at low concurrency, which costs a single connection's
 * throughput about 8% (serving README, Performance). A drain ends through `exitAfterLogs`,
 * which waits for every write. Any other exit that runs the process's exit handlers (an uncaught
 * exception or rejection, `process.exit`, the event loop running dry) writes what is still
 * buffered. A SIGKILL (an OOM kill) loses it: at most LOG_BUFFER_BYTES, or LOG_FLUSH_MS of lines.
 * LOG_BUFFER_BYTES=0 writes each line at once.
 */
export function createServiceLogger(
  config: Pick<ServingConfig, 'logLevel' | 'logBufferBytes'>,
  fd = 1,
): Logger {
  let logger: Logger;
  if (config.logBufferBytes === 0) {
    logger = pino({ level: config.logLevel }, pino.destination({ dest: fd, sync: false }));
  } else {
    // sonic-boom writes each block as soon as it is idle. A minLength above 0 keeps its flush
    // waiting for the write on its way (with 0 it calls back at once).
    const writer = pino.destination({ dest: fd, sync: false, minLength: 1 });
    logger = pino({ level: config.logLevel }, new LineBlocks(writer, fd, config.logBufferBytes));
  }
  serviceLoggers.add(logger);
  return logger;
}

/** Logs one answered request: its id, status and milliseconds. */
export type LogRequest = (reqId: string, status: number, ms: number) => void;

/**
 * The request line of a route, at `info`: `child(bindings).info({ reqId, status, ms }, 'request')`.
 * For a logger createServiceLogger made (pino's defaults: epoch time, `msg`, no mixin, hooks,
 * formatters, serializers or redaction) the same line is written straight to its destination,
 * from the child's bindings, serialized once, and the three values: pino's generic path costs a
 * request about 1 µs more, 3% of one process's throughput at 64 connections (serving README,
 * Performance). Any other logger's options may change the line, so it goes through pino.
 */
export function createRequestLog(logger: Logger, bindings: Record<string, string>): LogRequest {
  const child = logger.child(bindings);
  if (!serviceLoggers.has(logger)) {
    return (reqId, status, ms) => child.info({ reqId, status, ms }, 'request');
  }
  // pino's exported symbols: the child's bindings as JSON (`,"pid":1,...,"route":"/predict"`)
  // and its destination.
  const internals = child as unknown as Record<symbol, unknown>;
  const chindings = internals[pino.symbols.chindingsSym] as string;
  const destination = internals[pino.symbols.streamSym] as DestinationStream;
  const info = pino.levels.values['info'];
  return (reqId, status, ms) => {
    if (!child.isLevelEnabled('info')) return;
    // Request ids are UUIDs or match VALID_REQUEST_ID: characters JSON writes as they are.
    const id = VALID_REQUEST_ID.test(reqId) ? `"${reqId}"` : JSON.stringify(reqId);
    destination.write(
      `{"level":${info},"time":${Date.now()}${chindings},"reqId":${id},"status":${status},"ms":${Number.isFinite(ms) ? ms : null},"msg":"request"}\n`,
    );
  };
}

/** The longest an exit waits for the log's writes (a stdout nobody reads never drains). */
const EXIT_FLUSH_TIMEOUT_MS = 2000;

/**
 * Ends the process once every log line is written, in order. pino's own exit handler writes what
 * is still buffered, synchronously, but a block already handed to the thread pool can land after
 * it (or, if the process ends first, not at all); a drain ends here instead.
 */
export function exitAfterLogs(logger: Logger, code: number): void {
  const timer = setTimeout(() => process.exit(code), EXIT_FLUSH_TIMEOUT_MS);
  logger.flush(() => {
    clearTimeout(timer);
    process.exit(code);
  });
}

// --- internal ---

/** The loggers createServiceLogger made: their lines are pino's defaults. */
const serviceLoggers = new WeakSet<Logger>();

type SonicBoom = ReturnType<typeof pino.destination>;

/**
 * pino's destination: lines kept in an array and handed to sonic-boom as one string once they
 * reach `blockChars` characters (or LOG_FLUSH_MS passed). sonic-boom's own buffer (its
 * minLength) appends each line to one string and measures that string's UTF-8 length on every
 * write, which flattens it: a copy of the whole buffer, and as much garbage, for every line
 * (2.6 µs a line in 4 KB blocks, against 1.1 µs here), and it cannot take blocks of 16 KB or
 * more. Large blocks mean few writes through the thread pool, each waking the event loop when
 * it is done: 64 KB blocks instead of 4 KB answer 3% more requests at 64 connections (serving
 * README, Performance).
 */
class LineBlocks implements DestinationStream {
  private lines: string[] = [];
  private chars = 0;
  /** Set once the writer has ended (pino ends it when the event loop runs dry). */
  private closed = false;

  constructor(
    private readonly writer: SonicBoom,
    private readonly fd: number,
    private readonly blockChars: number,
  ) {
    writer.once('close', () => (this.closed = true));
    // Held weakly, by an unref'd timer and the exit hooks: neither keeps the logger, or the
    // process, alive.
    const self = new WeakRef(this);
    const timer = setInterval(() => {
      const blocks = self.deref();
      if (blocks) blocks.release();
      else clearInterval(timer);
    }, LOG_FLUSH_MS).unref();
    // Any exit, the event loop running dry included, writes what is left synchronously.
    if (openBlocks.size === 0) process.on('exit', () => forEachOpen((b) => b.flushSync()));
    openBlocks.add(self);
  }

  write(line: string): void {
    this.lines.push(line);
    this.chars += line.length;
    if (this.chars >= this.blockChars) this.release();
  }

  /** Calls back once every line logged so far is written. */
  flush(callback: (error?: Error) => void): void {
    this.release();
    this.writer.flush(callback);
  }

  /**
   * On exit (no event loop left): the writer's buffer, then the lines not yet handed to it, each
   * written synchronously. A block already on its way through the thread pool is lost, as it
   * would be in sonic-boom alone.
   */
  flushSync(): void {
    if (!this.closed) this.writer.flushSync();
    const block = this.take();
    if (block) writeAllSync(this.fd, block);
  }

  /** Hands the lines to the writer; once it has ended (the process is ending), writes them. */
  release(): void {
    const block = this.take();
    if (!block) return;
    if (this.closed) writeAllSync(this.fd, block);
    else this.writer.write(block);
  }

  private take(): string {
    if (this.lines.length === 0) return '';
    const block = this.lines.join('');
    this.lines = [];
    this.chars = 0;
    return block;
  }
}

/** Every LineBlocks not yet collected; the process's one exit hook serves them all. */
const openBlocks = new Set<WeakRef<LineBlocks>>();

function forEachOpen(action: (blocks: LineBlocks) => void): void {
  for (const ref of openBlocks) {
    const blocks = ref.deref();
    if (blocks) action(blocks);
    else openBlocks.delete(ref);
  }
}

// writeSync until every byte is out: a pipe in non-blocking mode takes part of a block, or none
// (EAGAIN) while it is full, and is retried after a millisecond. A closed reader (EPIPE) ends it.
function writeAllSync(fd: number, text: string): void {
  let bytes = Buffer.from(text);
  const pause = new Int32Array(new SharedArrayBuffer(4));
  while (bytes.length > 0) {
    try {
      bytes = bytes.subarray(writeSync(fd, bytes));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EAGAIN') return;
      Atomics.wait(pause, 0, 0, 1);
    }
  }
}
