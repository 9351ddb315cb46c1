import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ServerTimeoutsConfig } from '../config/read-server-timeouts-config.js';
import type { ServingContext } from '../serving-context.js';
import { answerClientErrors } from './answer-client-errors.js';
import { createRequestListener } from './create-app.js';
import { ServerDrain } from './server-drain.js';

/** A listening service and how to stop it. */
export interface RunningServer {
  server: Server;
  url: string;
  /**
   * Graceful stop: readiness false, no new connections, every answer from then on closes its
   * connection, in-flight requests and model fetches finish (bounded by SHUTDOWN_TIMEOUT_MS),
   * then the workers stop.
   */
  shutdown: () => Promise<void>;
}

/** Starts the HTTP server on the configured host and port (0 picks a free port). */
export async function startServer(ctx: ServingContext): Promise<RunningServer> {
  const listener = createRequestListener(ctx);
  const server = createServer(serverOptions(ctx.config.timeouts));
  const drain = new ServerDrain(server);
  server.on('request', drain.listen(listener));
  answerClientErrors(server);
  server.listen(ctx.config.port, ctx.config.host);
  await once(server, 'listening');
  if (!ctx.peers.watchConnections(server, ctx.config.clusterBalance === 'connections')) {
    ctx.logger.warn(
      'CLUSTER_BALANCE=connections: this Node.js version does not expose what it needs; ' +
        'each connection stays with the process that accepted it',
    );
  }
  const { port } = server.address() as AddressInfo;
  const host = ['0.0.0.0', '::'].includes(ctx.config.host) ? 'localhost' : ctx.config.host;
  let stopping: Promise<void> | undefined;
  return {
    server,
    url: `http://${host}:${port}`,
    shutdown: () => (stopping ??= shutdown(ctx, drain)),
  };
}

// --- internal ---

// Idle keep-alive connections get this long for a last request once a drain starts: a client
// sending back to back reuses its connection within milliseconds and is answered with
// `Connection: close`; one idle longer is closed between requests.
const LAST_CALL_MS = 500;

function serverOptions(timeouts: ServerTimeoutsConfig) {
  const { headersTimeoutMs, requestTimeoutMs, keepAliveTimeoutMs } = timeouts;
  return {
    headersTimeout: headersTimeoutMs,
    requestTimeout: requestTimeoutMs,
    keepAliveTimeout: keepAliveTimeoutMs,
    // Node checks the two request timeouts on this interval (30 s by default, which would let a
    // slow client hold a connection up to 40 s past a 10 s headers timeout).
    connectionsCheckingInterval: Math.max(10, Math.min(1_000, Math.floor(headersTimeoutMs / 4))),
  };
}

async function shutdown(ctx: ServingContext, drain: ServerDrain): Promise<void> {
  const { logger, config, status } = ctx;
  status.shuttingDown = true;
  const deadline = Date.now() + config.shutdownTimeoutMs;
  logger.info({ inFlight: drain.inFlight }, 'shutting down: readiness false, draining requests');
  const { forced, unfinished } = await drain.drain({
    graceMs: config.shutdownTimeoutMs,
    lastCallMs: LAST_CALL_MS,
    listenersClosed: () => ctx.peers.closeListenersTogether(),
  });
  if (forced) {
    logger.warn(
      { inFlight: unfinished },
      'shutdown timeout: closed connections with requests in flight',
    );
  }
  // A model fetch still writing into the cache must end before the process does.
  if (!(await ctx.loader.settle(Math.max(0, deadline - Date.now())))) {
    logger.warn('shutdown timeout: a model fetch or load is still running');
  }
  await ctx.slots.closeAll();
  logger.info('shut down');
}
