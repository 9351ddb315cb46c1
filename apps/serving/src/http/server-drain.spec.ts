import { once } from 'node:events';
import { Agent, createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { openRawSocket, readRawAnswer } from '../../test/raw-http.js';
import { ServerDrain } from './server-drain.js';

// ServerDrain on a bare node:http server, whose handlers the tests hold and release.
describe('ServerDrain', () => {
  let server: Server;
  let drain: ServerDrain;
  let url: string;
  let agent: Agent;
  let held: Array<() => void>;
  beforeEach(async () => {
    held = [];
    server = createServer();
    drain = new ServerDrain(server);
    server.on(
      'request',
      drain.listen((req, res) => {
        const answer = () => res.end('ok');
        if (req.url === '/hold') held.push(answer);
        else answer();
      }),
    );
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    agent = new Agent({ keepAlive: true, maxSockets: 1 });
  });
  afterEach(() => {
    agent.destroy();
    server.closeAllConnections();
  });

  it('tells an answer already in progress to close its connection, and waits for it', async () => {
    const answered = get(url, '/hold', agent);
    await waitUntil(() => held.length === 1);
    const drained = drain.drain({ graceMs: 5_000, lastCallMs: 5_000 });
    await sleep(50);
    held[0]();
    const { res, socket } = await answered;
    expect(res.headers.connection).toBe('close');
    await once(socket, 'close');
    expect(await drained).toEqual({ forced: false, unfinished: 0 });
  });

  it('tracks every answer in progress, whichever ends first, and tells each one left to close', async () => {
    const many = new Agent({ keepAlive: true, maxSockets: 6 });
    const answers = Array.from({ length: 6 }, () => get(url, '/hold', many));
    await waitUntil(() => held.length === 6);
    expect(drain.inFlight).toBe(6);
    // The first, fourth and last end first: the others move within the tracking.
    for (const index of [0, 3, 5]) held[index]();
    await Promise.all([answers[0], answers[3], answers[5]]);
    await waitUntil(() => drain.inFlight === 3);
    const drained = drain.drain({ graceMs: 5_000, lastCallMs: 5_000 });
    await sleep(50);
    for (const index of [1, 2, 4]) held[index]();
    const rest = await Promise.all([answers[1], answers[2], answers[4]]);
    expect(rest.map(({ res }) => res.headers.connection)).toEqual(['close', 'close', 'close']);
    many.destroy();
    expect(await drained).toEqual({ forced: false, unfinished: 0 });
    expect(drain.inFlight).toBe(0);
  });

  it('refuses new connections at once', async () => {
    const drained = drain.drain({ graceMs: 1_000, lastCallMs: 100 });
    await expect(get(url, '/', new Agent())).rejects.toThrow(/ECONNREFUSED/);
    await drained;
  });

  it('leaves an idle keep-alive connection a last call, answered with Connection: close', async () => {
    const first = await get(url, '/', agent);
    expect(first.res.headers.connection).toBe('keep-alive');
    const drained = drain.drain({ graceMs: 5_000, lastCallMs: 400 });
    await sleep(100);
    const second = await get(url, '/', agent);
    expect(second.socket).toBe(first.socket);
    expect(second.res.headers.connection).toBe('close');
    expect(await drained).toEqual({ forced: false, unfinished: 0 });
  });

  it('closes a connection left idle after the last call, between requests', async () => {
    const { socket } = await get(url, '/', agent);
    const started = performance.now();
    const closed = once(socket, 'close');
    expect(await drain.drain({ graceMs: 5_000, lastCallMs: 300 })).toEqual({
      forced: false,
      unfinished: 0,
    });
    await closed;
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('never cuts a request mid-way before the grace, and cuts it then', async () => {
    const socket = await openRawSocket(url);
    const answer = readRawAnswer(socket);
    socket.write('POST /hold HTTP/1.1\r\nHost: x\r\nContent-Le');
    await sleep(50);
    const started = performance.now();
    const result = await drain.drain({ graceMs: 600, lastCallMs: 50 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(590);
    expect(result.forced).toBe(true);
    expect((await answer).status).toBeNaN();
  });
});

function get(
  url: string,
  path: string,
  agent: Agent,
): Promise<{ res: IncomingMessage; socket: Socket }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ res, socket: req.socket as Socket }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function waitUntil(condition: () => boolean): Promise<void> {
  while (!condition()) await sleep(5);
}
