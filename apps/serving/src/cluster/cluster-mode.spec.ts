import { readdir, readFile } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RegistryCopy } from '../../test/rollout-fixture.js';
import { ADMIN_AUTH, ADMIN_TOKEN, copyRegistry, waitFor } from '../../test/rollout-fixture.js';
import type { ServingProcess } from '../../test/serving-process.js';
import { startServingProcess } from '../../test/serving-process.js';

const PROCESSES = 2;
const CLIENTS = 8;

describe(`cluster mode (CLUSTER_WORKERS=${PROCESSES}) over real sockets`, () => {
  let copy: RegistryCopy;
  let service: ServingProcess | undefined;
  beforeEach(async () => {
    copy = await copyRegistry();
  });
  afterEach(async () => {
    service?.child.kill('SIGKILL');
    await service?.exited;
    service = undefined;
    await copy.remove();
  });

  const start = async (env: Record<string, string> = {}) => {
    service = await startServingProcess({
      CLUSTER_WORKERS: String(PROCESSES),
      MODEL_REGISTRY: copy.url,
      MODEL_CACHE_DIR: join(copy.dir, 'cache'),
      ADMIN_TOKEN,
      REGISTRY_POLL_MS: '0',
      ...env,
    });
    return service;
  };

  it('hot-swaps a newly promoted version in every process under load without failing a request; /metrics adds up every process', async () => {
    const v2 = await copy.registerVersion();
    const { url, example } = await start();
    const load = sendTraffic(url, example);
    await waitFor(() => (load.answers.length >= 100 ? true : undefined), 'traffic on v1', 30_000);
    await copy.registry.promote('churn', v2, 'production');
    // One process answers the reload and tells the other, which swaps on its own.
    const reload = await admin(url, 'POST', '/admin/reload');
    expect(reload).toEqual({ swapped: true, version: '2' });
    await waitFor(
      async () =>
        (await readMetric(url, 'modelship_registry_poll_total{result="swapped"}')) === PROCESSES
          ? true
          : undefined,
      'every process to swap in v2',
      30_000,
    );
    const swappedAt = load.answers.length;
    await sleep(500);
    const answers = await load.stop();
    expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);
    expect(answers[0].version).toBe('1');
    expect(answers.slice(swappedAt + CLIENTS).every((answer) => answer.version === '2')).toBe(true);
    expect(answers.length - swappedAt).toBeGreaterThan(20);
    const metrics = await readMetrics(url);
    // Every process's counters, summed: each answer counted once, two loads per process.
    expect(
      readSeries(
        metrics,
        'modelship_http_requests_total{route="/predict",method="POST",status="200"}',
      ),
    ).toBe(answers.length);
    expect(readSeries(metrics, 'modelship_model_load_total{result="success"}')).toBe(2 * PROCESSES);
    expect(metrics).toContain(
      'modelship_model_info{name="churn",version="2",variant="stable",stage="production"} 1',
    );
    expect(metrics).not.toContain('modelship_model_info{name="churn",version="1"');
  }, 180_000);

  it('joins feedback whichever process answered the prediction, counting each label once', async () => {
    const { url, example } = await start();
    // One connection per request: the processes take turns accepting them.
    const predictions = await Promise.all(
      Array.from({ length: 24 }, () => postOnNewConnection(url, '/predict', example)),
    );
    const ids = predictions.map((answer) => answer['predictionId'] as string);
    expect(new Set(ids).size).toBe(24);
    const labels = ids.map((predictionId) => ({ predictionId, label: 1 }));
    for (const half of [labels.slice(0, 12), labels.slice(12)]) {
      const answer = await postOnNewConnection(url, '/feedback', { feedback: half });
      expect(answer['counts']).toEqual({
        joined: 12,
        duplicate: 0,
        unknown_prediction: 0,
        invalid: 0,
      });
    }
    const unknown = await postOnNewConnection(url, '/feedback', {
      feedback: [{ predictionId: 'no-such-prediction', label: 1 }],
    });
    expect(unknown['counts']).toMatchObject({ joined: 0, unknown_prediction: 1 });
    const metrics = await readMetrics(url);
    const count = (result: string) =>
      metrics
        .split('\n')
        .filter(
          (line) =>
            line.startsWith('modelship_feedback_total{') && line.includes(`result="${result}"`),
        )
        .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
    expect(count('joined')).toBe(24);
    expect(count('unknown_prediction')).toBe(1);
  }, 180_000);

  it('takes canary decisions in one process and every process follows: steps, promotion, one registry record', async () => {
    const v2 = await copy.registerVersion({ stage: 'staging' });
    const { url, example, output } = await start();
    const load = sendTraffic(url, example);
    await waitFor(() => (load.answers.length >= 50 ? true : undefined), 'traffic on v1', 30_000);
    const started = await admin(url, 'POST', '/admin/rollout', {
      strategy: 'canary',
      version: v2,
      steps: [0.5, 1],
      intervalMs: 300,
      minSamples: 5,
      p99ToleranceMs: 1_000,
      maxP99Ratio: 100,
    });
    expect(started['state']).toBe('loading');
    // The leading process checks, steps to 1 and promotes; the other follows each move.
    await waitFor(
      async () =>
        (await readMetric(
          url,
          'modelship_rollout_outcomes_total{strategy="canary",outcome="promoted"}',
        )) === PROCESSES
          ? true
          : undefined,
      'every process to promote the canary',
      90_000,
    );
    const promotedAt = load.answers.length;
    await sleep(500);
    const answers = await load.stop();
    expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);
    expect(answers.slice(promotedAt + CLIENTS).every((answer) => answer.version === '2')).toBe(
      true,
    );
    // Both processes report the same outcome, and the registry was written once.
    for (let probe = 0; probe < 4; probe++) {
      const status = await admin(url, 'GET', '/admin/rollout');
      expect(status['state']).toBe('promoted');
    }
    expect((await copy.registry.getVersion('churn', { stage: 'production' })).version).toBe(v2);
    const history = await copy.registry.history('churn');
    const promotions = history.filter(
      (event) => event.action === 'promote' && event.version === v2,
    );
    expect(promotions.filter((event) => event.to === 'production')).toHaveLength(1);
    expect(output()).not.toContain('not applied');
  }, 180_000);

  it.each([
    ['connections', 3],
    ['kernel', 0],
  ])(
    'CLUSTER_BALANCE=%s: a burst of 8 keep-alive connections while one process is busy leaves it at least %i',
    async (balance, least) => {
      const { url, example, child } = await start({ CLUSTER_BALANCE: balance });
      // The cluster's workers run main.ts as the primary does (tsx also starts esbuild).
      const processes = await listChildren(child.pid as number);
      expect(processes).toHaveLength(PROCESSES);
      // Stopped, the second process accepts nothing: the kernel gives every connection to the first.
      process.kill(processes[1], 'SIGSTOP');
      const agent = new Agent({ keepAlive: true, maxSockets: 8 });
      let answers: Array<Promise<number>>;
      try {
        answers = Array.from({ length: 8 }, () => postOnAgent(agent, url, example));
        await sleep(1_000);
      } finally {
        process.kill(processes[1], 'SIGCONT');
      }
      // Every request answered, those on the connections handed to the stopped process too.
      expect(await Promise.all(answers)).toEqual(Array(8).fill(200));
      // The same connections again: they stay with the process that holds them.
      expect(
        await Promise.all(Array.from({ length: 8 }, () => postOnAgent(agent, url, example))),
      ).toEqual(Array(8).fill(200));
      const sockets = Object.values(agent.sockets).flat().length;
      const free = Object.values(agent.freeSockets).flat().length;
      expect(sockets + free).toBe(8);
      const metrics = await readMetrics(url);
      const held = [0, 1].map((slot) =>
        readSeries(metrics, `modelship_cluster_connections{process="${slot}"}`),
      );
      const handed = [0, 1].map((slot) =>
        readSeries(metrics, `modelship_cluster_connections_handed_over_total{process="${slot}"}`),
      );
      agent.destroy();
      // The 8 connections and the scrape's own.
      expect(held[0] + held[1]).toBe(9);
      if (balance === 'kernel') {
        expect(Math.min(...held)).toBeLessThanOrEqual(1);
        expect(metrics).not.toContain('modelship_cluster_connections_handed_over_total');
      } else {
        expect(Math.min(...held)).toBeGreaterThanOrEqual(least);
        expect(handed[0] + handed[1]).toBeGreaterThanOrEqual(least);
      }
    },
    180_000,
  );
});

// --- internal ---

interface Answer {
  status: number;
  version: string | null;
}

// CLIENTS loops of POST /predict back to back on kept-alive connections (fetch pools them), so
// the cluster spreads them over its processes; `stop` ends the loops and gives every answer.
function sendTraffic(url: string, example: Record<string, unknown>) {
  const answers: Answer[] = [];
  let sending = true;
  const body = JSON.stringify(example);
  const clients = Array.from({ length: CLIENTS }, async () => {
    while (sending) {
      const response = await fetch(`${url}/predict`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      await response.arrayBuffer();
      answers.push({ status: response.status, version: response.headers.get('x-model-version') });
    }
  });
  return {
    answers,
    stop: async () => {
      sending = false;
      await Promise.all(clients);
      return answers;
    },
  };
}

async function admin(
  url: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<Record<string, unknown>> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: ADMIN_AUTH, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const answer = (await response.json()) as Record<string, unknown>;
  if (response.status >= 300)
    throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(answer)}`);
  return answer;
}

async function readMetrics(url: string): Promise<string> {
  return (await fetch(`${url}/metrics`)).text();
}

async function readMetric(url: string, series: string): Promise<number> {
  return readSeries(await readMetrics(url), series);
}

function readSeries(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

// The processes running main.ts whose parent is `pid` (the cluster's workers), oldest first.
async function listChildren(pid: number): Promise<number[]> {
  const children: Array<{ pid: number; start: number }> = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // Fields after the command (which may hold spaces), in parentheses: state, ppid, ...
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const command = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (Number(fields[1]) === pid && command.includes('main.ts'))
      children.push({ pid: Number(entry), start: Number(fields[19]) });
  }
  return children.sort((a, b) => a.start - b.start).map((child) => child.pid);
}

// A POST /predict on one of the agent's connections; resolves with the status.
function postOnAgent(agent: Agent, url: string, body: unknown): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/predict`, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json' },
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

// A POST on a connection of its own (no keep-alive), answered as JSON.
function postOnNewConnection(
  url: string,
  path: string,
  body: unknown,
): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, {
      method: 'POST',
      agent: false,
      headers: { 'content-type': 'application/json' },
    });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () =>
        res.statusCode === 200
          ? resolve(JSON.parse(text) as Record<string, unknown>)
          : reject(new Error(`${path}: ${res.statusCode} ${text}`)),
      );
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}
