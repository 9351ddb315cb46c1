import { Agent, request, type ClientRequest } from 'node:http';
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServingProcess, waitFor } from '../../test/serving-process.js';

const CLIENTS = 16;
const SHUTDOWN_TIMEOUT_MS = 5_000;

// What happened to each request a client started.
type Outcome =
  // A complete answer: status line, headers and the whole body.
  | 'answered'
  // Failed before a connection existed (ECONNREFUSED once the listener closed): never sent.
  | 'refused'
  // Failed on a connection the server had closed before the request was fully written: the
  // client could not have known it was sent, and a real client retries it on a new connection.
  | 'unsent'
  // Fully written on a connection the server had not closed, and never answered: lost.
  | 'lost';

// The same drain, one process or a cluster: there every process drains its own connections and
// the primary exits once they all have.
describe.each([
  ['one process', {}],
  ['cluster mode (CLUSTER_WORKERS=2)', { CLUSTER_WORKERS: '2' }],
])('SIGTERM under keep-alive load, %s', (_mode, mode: Record<string, string>) => {
  it(`drains ${CLIENTS} keep-alive clients sending /predict back to back: zero requests lost, exit 0`, async () => {
    const service = await startServingProcess({
      ...mode,
      SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
    });
    const { child, url, output, exited } = service;
    const body = JSON.stringify(service.example);
    const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
    const probeAgent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const outcomes: Outcome[] = [];
      // What each lost request got (a status and body start, or the socket error), for the report.
      const lostDetails: string[] = [];
      const closing: string[] = [];
      let sending = true;
      let signalledAt = Number.POSITIVE_INFINITY;
      const readiness: Array<{ at: number; status: number }> = [];
      const clients = Array.from({ length: CLIENTS }, async () => {
        while (sending) {
          const result = await sendOnce(url, agent, body);
          outcomes.push(result.outcome);
          if (result.outcome === 'lost') {
            const since = performance.now() - signalledAt;
            const when = since < 0 ? 'before SIGTERM' : `${Math.round(since)} ms after SIGTERM`;
            lostDetails.push(`${result.detail ?? ''}, ${when}`);
          }
          if (result.connection === 'close') closing.push(result.connection);
          if (result.outcome !== 'answered') return;
        }
      });
      // Readiness, probed on its own kept-alive connection (new connections are refused once
      // the drain starts, as a kubelet's would be by then).
      const probing = (async () => {
        for (;;) {
          const status = await probeReady(url, probeAgent);
          if (status === null) return;
          readiness.push({ at: performance.now(), status });
          if (status !== 200) return;
          await sleep(10);
        }
      })();
      await waitFor(() => (outcomes.length >= 200 ? true : undefined), 30_000, output);
      const beforeSignal = outcomes.length;
      signalledAt = performance.now();
      child.kill('SIGTERM');
      const code = await exited;
      const exitMs = performance.now() - signalledAt;
      sending = false;
      await Promise.all([...clients, probing]);

      const count = (outcome: Outcome) => outcomes.filter((o) => o === outcome).length;
      // Figures for the report: how many were sent, answered, refused, unsent and lost.
      process.stdout.write(
        `drain: ${outcomes.length} requests (${beforeSignal} before SIGTERM), answered ${count('answered')}, refused ${count('refused')}, unsent ${count('unsent')}, lost ${count('lost')}${lostDetails.length ? ` (${lostDetails.join('; ')})` : ''}, Connection: close answers ${closing.length}, exit ${code} after ${Math.round(exitMs)} ms\n`,
      );
      // A lost request: the service's own account of the run, for whoever reads the failure.
      if (count('lost') > 0) process.stdout.write(`service output:\n${output()}\n`);
      expect(count('lost')).toBe(0);
      expect(count('answered')).toBeGreaterThan(beforeSignal);
      expect(closing.length).toBeGreaterThan(0);
      expect(code).toBe(0);
      expect(exitMs).toBeLessThan(SHUTDOWN_TIMEOUT_MS + 3_000);
      expect(readiness.at(-1)?.status).toBe(503);
      expect(output()).toContain('"msg":"shut down"');
      expect(output()).not.toContain('shutdown timeout');
    } finally {
      agent.destroy();
      probeAgent.destroy();
      child.kill('SIGKILL');
    }
  }, 120_000);

  it('cuts a request still unfinished at SHUTDOWN_TIMEOUT_MS, then exits 0', async () => {
    const service = await startServingProcess({ ...mode, SHUTDOWN_TIMEOUT_MS: '1500' });
    const { child, url, output, exited } = service;
    try {
      const stalled = request(`${url}/predict`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Length': 1000 },
      });
      stalled.on('error', () => undefined);
      stalled.write('{"a":');
      await sleep(100);
      const signalledAt = performance.now();
      child.kill('SIGTERM');
      const code = await exited;
      const exitMs = performance.now() - signalledAt;
      expect(code).toBe(0);
      expect(exitMs).toBeGreaterThanOrEqual(1_400);
      expect(exitMs).toBeLessThan(1_500 + 3_000);
      expect(output()).toContain('shutdown timeout: closed connections with requests in flight');
    } finally {
      child.kill('SIGKILL');
    }
  }, 120_000);
});

// --- internal ---

/**
 * One POST /predict on the keep-alive agent. The accounting, from what a client can see: the
 * request counts as written once 'finish' fired (every byte handed to the kernel), and the
 * server as having closed the connection once the socket saw its FIN ('end') or the close. A
 * failure is 'lost' only when the request was written before the client saw the server close
 * that connection; since the client sees the FIN after the server sent it, this errs towards
 * 'lost', so zero lost is a strict bar.
 */
function sendOnce(
  url: string,
  agent: Agent,
  body: string,
): Promise<{ outcome: Outcome; connection?: string; detail?: string }> {
  return new Promise((resolve) => {
    let writtenAt: number | null = null;
    let closedAt: number | null = null;
    let connected = false;
    const req: ClientRequest = request(`${url}/predict`, {
      method: 'POST',
      agent,
      headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
    });
    req.on('socket', (socket: Socket) => {
      const seeClose = () => (closedAt ??= performance.now());
      if (!socket.connecting) connected = true;
      socket.once('connect', () => (connected = true));
      socket.once('end', seeClose);
      socket.once('close', seeClose);
      req.once('close', () => {
        socket.off('end', seeClose);
        socket.off('close', seeClose);
      });
    });
    req.on('finish', () => (writtenAt = performance.now()));
    req.on('response', (res) => {
      const { connection } = res.headers;
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        const complete = res.statusCode === 200 && text.includes('"probability"');
        const detail = `${res.statusCode} ${text.slice(0, 120)}`;
        resolve({ outcome: complete ? 'answered' : 'lost', connection, detail });
      });
      res.on('error', (error: NodeJS.ErrnoException) =>
        resolve({
          outcome: 'lost',
          connection,
          detail: `answer cut: ${error.code ?? error.message}`,
        }),
      );
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (!connected) resolve({ outcome: 'refused' });
      else if (writtenAt !== null && (closedAt === null || writtenAt < closedAt)) {
        const seen = closedAt === null ? 'no close seen' : 'close seen after writing';
        resolve({ outcome: 'lost', detail: `${error.code ?? error.message}, ${seen}` });
      } else resolve({ outcome: 'unsent' });
    });
    req.end(body);
  });
}

// /health/ready's status on the probe's connection, or null once that connection is gone.
function probeReady(url: string, agent: Agent): Promise<number | null> {
  return new Promise((resolve) => {
    const req = request(`${url}/health/ready`, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? null));
    });
    req.on('error', () => resolve(null));
    req.end();
  });
}
