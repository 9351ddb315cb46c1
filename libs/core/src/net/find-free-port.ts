import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';

/**
 * A loopback TCP port nothing listens on right now, for a process that must be told its port
 * before it starts (a child service, PostgreSQL, Azurite). Another process may take it before
 * the caller binds it; callers that can listen on port 0 themselves should.
 */
export async function findFreePort(host = '127.0.0.1'): Promise<number> {
  const server = createServer();
  server.listen(0, host);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
