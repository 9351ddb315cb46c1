import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ServingContext } from '../serving-context.js';
import { answerClientErrors } from './answer-client-errors.js';
import { createApp } from './create-app.js';

/** A listening service and how to stop it. */
export interface RunningServer {
  server: Server;
  url: string;
  /** Graceful stop: readiness false, no new connections, in-flight requests finish (bounded). */
  shutdown: () => Promise<void>;
}

/** Starts the HTTP server on the configured host and port (0 picks a free port). */
export async function startServer(ctx: ServingContext): Promise<RunningServer> {
  const app = createApp(ctx);
  const server = app.listen(ctx.config.port, ctx.config.host);
  await once(server, 'listening');
  server.keepAliveTimeout = 65_000;
  answerClientErrors(server);
  const { port } = server.address() as AddressInfo;
  const host = ['0.0.0.0', '::'].includes(ctx.config.host) ? 'localhost' : ctx.config.host;
  let stopping: Promise<void> | undefined;
  return {
    server,
    url: `http://${host}:${port}`,
    shutdown: () => (stopping ??= shutdown(ctx, server)),
  };
}

async function shutdown(ctx: ServingContext, server: Server): Promise<void> {
  const { logger, config, status } = ctx;
  status.shuttingDown = true;
  logger.info({ inFlight: status.inFlight }, 'shutting down: readiness false, draining requests');
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const deadline = Date.now() + config.shutdownTimeoutMs;
  while (status.inFlight > 0 && Date.now() < deadline) await sleep(10);
  if (status.inFlight > 0) {
    logger.warn(
      { inFlight: status.inFlight },
      'shutdown timeout: closing connections with requests in flight',
    );
  }
  server.closeAllConnections();
  await closed;
  await ctx.slots.closeAll();
  logger.info('shut down');
}
