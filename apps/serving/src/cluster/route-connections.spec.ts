import cluster, { type Worker } from 'node:cluster';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { connect, createServer, type AddressInfo, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { waitFor } from '../../test/serving-process.js';
import type { ConnectionHandle } from './connection-balancer.js';
import { ConnectionRouter } from './route-connections.js';

const WORKER_SCRIPT = fileURLToPath(new URL('../../test/connection-worker.mjs', import.meta.url));

interface News {
  name: string;
  fewest: number | null;
}

type Message =
  | ({ type: 'test:news' } & News)
  | { type: 'modelship:adopted'; id: number; accepted: boolean }
  | { type: 'test:ready' };

// The router in this (primary) process, real forked workers, real accepted connections: a
// listener here keeps each accepted handle unread, as a worker's balancer hands it over.
describe('ConnectionRouter with real cluster workers', () => {
  let workers = new Map<string, Worker>();
  let news: News[] = [];
  let server: Server;
  let accepted: ConnectionHandle[] = [];
  let router: ConnectionRouter;

  beforeAll(() => {
    cluster.setupPrimary({ exec: WORKER_SCRIPT, silent: true });
  });

  beforeEach(async () => {
    news = [];
    accepted = [];
    router = new ConnectionRouter();
    workers = new Map();
    for (const name of ['w1', 'w2', 'w3']) {
      const worker = cluster.fork({ TEST_WORKER_NAME: name });
      // Wired as run-cluster-primary wires the router.
      worker.on('message', (message: Message) => {
        if (message.type === 'test:news') news.push({ name: message.name, fewest: message.fewest });
        if (message.type === 'modelship:adopted') {
          router.adopted(worker, message.id, message.accepted);
        }
      });
      worker.on('exit', () => router.exited(worker));
      await once(worker, 'message');
      workers.set(name, worker);
    }
    server = createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const handle = (
      server as unknown as { _handle: { onconnection: (...args: unknown[]) => void } }
    )._handle;
    handle.onconnection = (_status: unknown, connection: unknown) => {
      accepted.push(connection as ConnectionHandle);
    };
  });

  afterEach(async () => {
    router.stop();
    server.close();
    for (const handle of accepted) handle.close();
    await Promise.all(
      [...workers.values()].map(async (worker) => {
        if (worker.isDead()) return;
        const exited = once(worker, 'exit');
        worker.process.kill('SIGKILL');
        await exited;
      }),
    );
  });

  /** A client connects; the handle the listener accepted for it, and what it reads until the end. */
  const connection = async () => {
    const port = (server.address() as AddressInfo).port;
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    const ended = new Promise<string>((resolve) => {
      socket.on('close', () => resolve(text));
      socket.on('error', () => undefined);
    });
    const count = accepted.length;
    while (accepted.length === count) await new Promise((resolve) => setTimeout(resolve, 2));
    return { handle: accepted[accepted.length - 1], answer: ended };
  };

  const worker = (name: string) => workers.get(name) as Worker;

  it('passes each connection to the least loaded other worker, counting what it passed', async () => {
    router.report(worker('w1'), 9);
    router.report(worker('w2'), 3);
    router.report(worker('w3'), 4);
    const answers: string[] = [];
    // w2 holds 3, then 4: tied with w3, the first listed wins; then w3 at 4 against w2's 5; ...
    for (let index = 0; index < 4; index++) {
      const { handle, answer } = await connection();
      router.route(worker('w1'), handle);
      answers.push((await answer).trim());
    }
    expect(answers).toEqual(['w2', 'w2', 'w3', 'w2']);
  });

  it('never passes a connection back to the worker that handed it over while another listens', async () => {
    router.report(worker('w1'), 0);
    router.report(worker('w2'), 50);
    const { handle, answer } = await connection();
    router.route(worker('w1'), handle);
    expect((await answer).trim()).toBe('w2');
  });

  it('passes it back to the sender when no other worker listens, and closes it when none does', async () => {
    router.report(worker('w1'), 5);
    const first = await connection();
    router.route(worker('w1'), first.handle);
    expect((await first.answer).trim()).toBe('w1');

    router.forget(worker('w1'));
    const second = await connection();
    router.route(worker('w1'), second.handle);
    // Closed by the router: the client sees the end without a byte.
    expect(await second.answer).toBe('');
  });

  it('passes a connection the chosen worker refuses (no longer listening) to another', async () => {
    router.report(worker('w1'), 9);
    router.report(worker('w2'), 0);
    router.report(worker('w3'), 5);
    worker('w2').send({ type: 'test:refuse' });
    const first = await connection();
    router.route(worker('w1'), first.handle);
    expect((await first.answer).trim()).toBe('w3');
    // The refusing worker is not chosen again, though it reported the fewest.
    const second = await connection();
    router.route(worker('w1'), second.handle);
    expect((await second.answer).trim()).toBe('w3');
    expect(router.waiting).toBe(0);
  });

  it('passes the connection to another worker when the chosen one died without answering', async () => {
    router.report(worker('w1'), 9);
    router.report(worker('w2'), 0);
    router.report(worker('w3'), 5);
    const { handle, answer } = await connection();
    // w2 dies; its channel's peer is gone before this process handles the disconnect.
    const w2 = worker('w2');
    const exited = once(w2, 'exit');
    w2.process.kill('SIGKILL');
    const deadline = Date.now() + 5000;
    while (!processGone(w2.process.pid as number) && Date.now() < deadline) {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    }
    expect(w2.isConnected()).toBe(true);
    router.route(worker('w1'), handle);
    expect((await answer).trim()).toBe('w3');
    expect(router.waiting).toBe(0);
    await exited;
  }, 10_000);

  it('tells each worker the fewest connections another holds, at most once per 20 ms', async () => {
    router.report(worker('w1'), 7);
    router.report(worker('w2'), 2);
    router.report(worker('w3'), 5);
    await waitFor(() => (news.length >= 3 ? true : undefined), 5000);
    await new Promise((resolve) => setTimeout(resolve, 60));
    // Three reports in one turn: one round of news, the fewest of the others for each.
    expect(news).toHaveLength(3);
    expect(Object.fromEntries(news.map((item) => [item.name, item.fewest]))).toEqual({
      w1: 2,
      w2: 5,
      w3: 2,
    });

    news = [];
    router.forget(worker('w2'));
    router.forget(worker('w3'));
    await waitFor(() => (news.length >= 1 ? true : undefined), 5000);
    expect(news).toEqual([{ name: 'w1', fewest: null }]);
  });
});

/** Whether the process is gone (a zombie counts: its sockets are closed). */
function processGone(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}
