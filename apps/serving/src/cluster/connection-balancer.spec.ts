import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BalancerOptions, ConnectionHandle } from './connection-balancer.js';
import { ConnectionBalancer } from './connection-balancer.js';

// Two servers in one process stand for two cluster processes: what one hands over, the other
// adopts, as the primary would pass it (in one process the handle needs no IPC, and no close).
describe('ConnectionBalancer over real sockets', () => {
  let servers: Server[] = [];
  afterEach(async () => {
    for (const server of servers) server.closeAllConnections();
    await Promise.all(
      servers.map((server) => new Promise((resolve) => server.close(() => resolve(null)))),
    );
    servers = [];
  });

  const listen = async (name: string) => {
    const server = createServer((req, res) => {
      req.resume();
      res.end(name);
    });
    servers.push(server);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return server;
  };

  const pair = async (options: BalancerOptions = {}) => {
    const a = await listen('a');
    const b = await listen('b');
    const reports: number[] = [];
    const handedOver: ConnectionHandle[] = [];
    const balancerB = new ConnectionBalancer(b, {
      report: () => undefined,
      handOff: () => {
        throw new Error('b has no other process to hand over to');
      },
    });
    const balancerA = new ConnectionBalancer(
      a,
      {
        report: (open) => reports.push(open),
        handOff: (handle) => {
          handedOver.push(handle);
          // Later, as the primary's message would arrive: bytes sent meanwhile wait in the kernel.
          setTimeout(() => expect(balancerB.adopt(handle)).toBe(true), 20);
        },
      },
      { tickMs: 10, ...options },
    );
    expect(balancerA.install()).toBe(true);
    expect(balancerB.install()).toBe(true);
    return { a, b, balancerA, balancerB, reports, handedOver };
  };

  it('hands a new connection over once it holds `slack` more than the least loaded process; every request is answered', async () => {
    const { a, balancerA, balancerB, reports, handedOver } = await pair();
    balancerA.updateFewest(0);
    // Six keep-alive clients, each writing its request the moment it connects.
    const clients = await Promise.all(Array.from({ length: 6 }, () => ask(a)));
    const answers = clients.map((client) => client.answer);
    expect(answers.filter((name) => name === 'a')).toHaveLength(4);
    expect(answers.filter((name) => name === 'b')).toHaveLength(2);
    expect(handedOver).toHaveLength(2);
    expect(balancerA.connections).toBe(4);
    expect(balancerB.connections).toBe(2);
    // The adopted connections carry on: a second request on each is answered by the same server.
    for (const client of clients) expect(await client.again()).toBe(client.answer);
    await sleep(30);
    expect(reports.at(-1)).toBe(4);
    for (const client of clients) client.socket.destroy();
  });

  it('keeps every connection while no other process listens', async () => {
    const { a, handedOver } = await pair();
    const clients = await Promise.all(Array.from({ length: 5 }, () => ask(a)));
    expect(clients.map((client) => client.answer)).toEqual(Array(5).fill('a'));
    expect(handedOver).toHaveLength(0);
    for (const client of clients) client.socket.destroy();
  });

  it('leaves short-lived connections where they land, and balances again once they stop', async () => {
    const { a, balancerA, handedOver } = await pair({ shortLivedMs: 300 });
    // One request per connection, as a client without keep-alive sends them.
    for (let index = 0; index < 10; index++) {
      const client = await ask(a);
      client.socket.destroy();
      await once(client.socket, 'close');
    }
    await sleep(30);
    balancerA.updateFewest(0);
    const busy = await Promise.all(Array.from({ length: 4 }, () => ask(a)));
    expect(busy.map((client) => client.answer)).toEqual(Array(4).fill('a'));
    expect(handedOver).toHaveLength(0);
    // The short-lived ones are out of the window: the next new connection is handed over.
    await sleep(400);
    const next = await ask(a);
    expect(next.answer).toBe('b');
    expect(handedOver).toHaveLength(1);
    for (const client of [...busy, next]) client.socket.destroy();
  });

  it('refuses to adopt once its server stopped listening, and cannot start on one that never listened', async () => {
    const { a, b, balancerB } = await pair();
    const client = await ask(a);
    client.socket.destroy();
    b.close();
    // Any handle would do: adopt must refuse before touching it.
    expect(balancerB.adopt({ close: () => undefined })).toBe(false);
    const idle = createServer();
    const never = new ConnectionBalancer(idle, {
      report: () => undefined,
      handOff: () => undefined,
    });
    expect(never.install()).toBe(false);
  });
});

// A keep-alive client that sends GET / as soon as it connects; `answer` is the body of the first
// response, `again` sends one more request on the same connection.
async function ask(server: Server) {
  const socket = connect((server.address() as AddressInfo).port, '127.0.0.1');
  socket.setEncoding('utf8');
  let buffer = '';
  let waiting: ((body: string) => void) | null = null;
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    const match = /\r\n\r\n(\w)$/.exec(buffer);
    if (match && waiting) {
      buffer = '';
      const resolve = waiting;
      waiting = null;
      resolve(match[1]);
    }
  });
  const request = () =>
    new Promise<string>((resolve, reject) => {
      waiting = resolve;
      socket.once('error', reject);
      socket.write('GET / HTTP/1.1\r\nHost: test\r\n\r\n');
    });
  await once(socket, 'connect');
  const answer = await request();
  return { socket, answer, again: request };
}
