import { setTimeout as sleep } from 'node:timers/promises';
import { InferenceError } from '../http/serving-error.js';
import type { RegistryCopy } from '../../test/rollout-fixture.js';
import {
  ADMIN_AUTH,
  copyRegistry,
  exampleRow,
  readMetric,
  readRolloutStatus,
  sendTraffic,
  waitFor,
} from '../../test/rollout-fixture.js';
import type { TestServer } from '../../test/serving-fixture.js';
import type { RolloutStatus } from './rollout-types.js';

async function startRollout(server: TestServer, body: object): Promise<RolloutStatus> {
  const response = await server.http
    .post('/admin/rollout')
    .set('Authorization', ADMIN_AUTH)
    .send(body)
    .expect(202);
  expect(response.body.state).toBe('loading');
  return response.body;
}

function untilState(server: TestServer, state: string, ms?: number): Promise<RolloutStatus> {
  return waitFor(
    async () => {
      const status = await readRolloutStatus(server);
      return status.state === state ? status : undefined;
    },
    `rollout state ${state}`,
    ms,
  );
}

// Clients sending /predict until stopped; keeps each answer's status, variant and version.
function sendVariantTraffic(server: TestServer, clients = 4) {
  return sendTraffic(server, clients, (response) => ({
    status: response.status,
    variant: response.headers['x-model-variant'] as string,
    version: response.headers['x-model-version'] as string,
  }));
}

describe('rollouts over the admin API', () => {
  let copy: RegistryCopy;
  beforeEach(async () => {
    copy = await copyRegistry();
  });
  afterEach(async () => {
    await copy.remove();
  });

  it('canary: passes every step without labels (live accuracy inconclusive), promotes, and the registry shows the candidate in production', async () => {
    const v2 = await copy.registerVersion({ stage: 'staging' });
    const server = await copy.startServer();
    await startRollout(server, {
      strategy: 'canary',
      steps: [0.5, 1],
      intervalMs: 150,
      minSamples: 5,
      maxP99Ratio: 50,
      p99ToleranceMs: 1000,
    });
    const traffic = sendVariantTraffic(server);
    const status = await untilState(server, 'promoted');
    const answers = await traffic.stop();
    expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);
    expect(new Set(answers.map((answer) => answer.variant))).toEqual(new Set(['stable', 'canary']));
    expect(status.stable).toEqual({ name: 'churn', version: String(v2) });
    expect(
      status.checks.filter((check) => check.result === 'passed').length,
    ).toBeGreaterThanOrEqual(4);
    expect(status.history.map((event) => event.event)).toEqual(
      expect.arrayContaining(['started', 'running', 'step', 'promoted', 'registry']),
    );
    // No feedback arrived: accuracy is a safety net, never a blocker.
    const accuracy = status.checks.filter((check) => check.check === 'live_accuracy');
    expect(new Set(accuracy.map((check) => check.result))).toEqual(new Set(['inconclusive']));
    expect(accuracy[0].detail).toMatch(/too few labelled predictions .*candidate 0, stable 0/);
    expect((await copy.registry.getVersion('churn', { stage: 'production' })).version).toBe(v2);
    const history = await copy.registry.history('churn');
    expect(history.at(-1)).toMatchObject({ action: 'promote', version: v2, to: 'production' });
    expect(history.at(-1)?.reason).toMatch(/canary passed 2 steps; last checks: error_rate passed/);
    const after = await server.http.post('/predict').send(exampleRow(server)).expect(200);
    expect([after.headers['x-model-variant'], after.headers['x-model-version']]).toEqual([
      'stable',
      String(v2),
    ]);
    expect(server.ctx.slots.all()).toHaveLength(1);
    expect(
      await readMetric(
        server,
        'modelship_rollout_outcomes_total{strategy="canary",outcome="promoted"}',
      ),
    ).toBe(1);
  });

  it('canary: failed error-rate checks reaching the threshold roll back at once', async () => {
    const v2 = await copy.registerVersion({ stage: 'staging' });
    const server = await copy.startServer();
    await startRollout(server, {
      strategy: 'canary',
      version: v2,
      steps: [0.5, 1],
      intervalMs: 150,
      minSamples: 5,
      failureThreshold: 2,
    });
    await untilState(server, 'running');
    // The test seam: the candidate's inference fails, as a broken model would.
    const candidate = server.ctx.slots.get('canary');
    if (!candidate) throw new Error('no canary loaded');
    candidate.score = () => Promise.reject(new InferenceError('injected failure'));
    const traffic = sendVariantTraffic(server);
    const status = await untilState(server, 'rolled_back');
    await traffic.stop();
    const failed = status.checks.filter((check) => check.result === 'failed');
    expect(failed.map((check) => check.check)).toContain('error_rate');
    expect(status.history.filter((event) => event.event === 'checks_failed')).toHaveLength(2);
    expect(status.stable).toEqual({ name: 'churn', version: '1' });
    expect((await copy.registry.getVersion('churn', { stage: 'production' })).version).toBe(1);
    expect((await copy.registry.getVersion('churn', { version: v2 })).stage).toBe('archived');
    const after = await server.http.post('/predict').send(exampleRow(server)).expect(200);
    expect(after.headers['x-model-version']).toBe('1');
    expect(
      await readMetric(
        server,
        'modelship_rollout_checks_total{check="error_rate",result="failed"}',
      ),
    ).toBe(2);
  });

  it('canary: too few samples is inconclusive and holds the step; abort writes nothing', async () => {
    const v2 = await copy.registerVersion({ stage: 'staging' });
    const server = await copy.startServer();
    await startRollout(server, { strategy: 'canary', intervalMs: 40, minSamples: 1000 });
    await untilState(server, 'running');
    for (let i = 0; i < 10; i++) await server.http.post('/predict').send(exampleRow(server));
    await waitFor(
      async () => ((await readRolloutStatus(server)).checks.length >= 9 ? true : undefined),
      'three check rounds',
    );
    const status = await readRolloutStatus(server);
    expect(status.step).toBe(0);
    expect(status.weights).toEqual({ stable: 0.95, canary: 0.05 });
    expect(new Set(status.checks.map((check) => check.result))).toEqual(new Set(['inconclusive']));
    expect(status.checks[0].detail).toMatch(
      /too few samples: candidate \d+, stable \d+, need 1000/,
    );
    const aborted = await server.http
      .delete('/admin/rollout')
      .set('Authorization', ADMIN_AUTH)
      .expect(200);
    expect(aborted.body.state).toBe('aborted');
    expect((await copy.registry.getVersion('churn', { version: v2 })).stage).toBe('staging');
    expect(server.ctx.slots.all().map((model) => model.key.variant)).toEqual(['stable']);
  });

  it('blue/green: switches all traffic to a ready candidate and rolls back at once', async () => {
    const v2 = await copy.registerVersion();
    const server = await copy.startServer();
    await startRollout(server, { strategy: 'blue_green', version: v2, rollbackWindowMs: 60_000 });
    const switched = await untilState(server, 'switched');
    expect(switched.stable).toEqual({ name: 'churn', version: '2' });
    const row = exampleRow(server);
    const onGreen = await server.http.post('/predict').send(row).expect(200);
    expect(onGreen.headers['x-model-version']).toBe('2');
    expect(server.ctx.slots.get('previous')?.key.version).toBe('1');
    const back = await server.http.post('/admin/rollout/rollback').set('Authorization', ADMIN_AUTH);
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ state: 'rolled_back', stable: { version: '1' } });
    const onBlue = await server.http.post('/predict').send(row).expect(200);
    expect(onBlue.headers['x-model-version']).toBe('1');
    await server.http.post('/admin/rollout/rollback').set('Authorization', ADMIN_AUTH).expect(409);
  });

  it('blue/green: closes the previous version once the rollback window passes', async () => {
    const v2 = await copy.registerVersion();
    const server = await copy.startServer();
    await startRollout(server, { strategy: 'blue_green', version: v2, rollbackWindowMs: 100 });
    await waitFor(() => (server.ctx.rollouts.isActive ? undefined : true), 'the window to pass');
    const status = await readRolloutStatus(server);
    expect(status.state).toBe('switched');
    expect(status.history.filter((event) => event.event === 'switched')).toHaveLength(2);
    expect(server.ctx.slots.all().map((model) => model.key.version)).toEqual(['2']);
    await server.http.post('/admin/rollout/rollback').set('Authorization', ADMIN_AUTH).expect(409);
    const answer = await server.http.post('/predict').send(exampleRow(server)).expect(200);
    expect(answer.headers['x-model-version']).toBe('2');
  });

  it('shadow: callers always get the stable answer; mirrors are compared, or dropped when busy', async () => {
    // threshold 2: the shadow labels every row 0, so it disagrees wherever stable says 1.
    const v2 = await copy.registerVersion({ threshold: 2 });
    const server = await copy.startServer();
    await startRollout(server, { strategy: 'shadow', version: v2, sampleRate: 1 });
    await untilState(server, 'running');
    const shadow = server.ctx.slots.get('shadow');
    if (!shadow) throw new Error('no shadow loaded');
    const idle = () => waitFor(() => (shadow.load.running === 0 ? true : undefined), 'idle');
    const row = exampleRow(server);
    let ones = 0;
    for (let i = 0; i < 10; i++) {
      const answer = await server.http.post('/predict').send(row).expect(200);
      expect([answer.headers['x-model-variant'], answer.body.version]).toEqual(['stable', '1']);
      ones += Number(answer.body.label); // the churn sample's class texts are "0" and "1"
      await idle();
    }
    const batch = await server.http
      .post('/predict')
      .send({ instances: [row, row] })
      .expect(200);
    expect(batch.body.variant).toBe('stable');
    await idle();
    const labels = `model="churn",version="${v2}"`;
    const count = (result: string) =>
      readMetric(server, `modelship_shadow_requests_total{${labels},result="${result}"}`);
    expect(await count('compared')).toBe(11);
    expect(await readMetric(server, `modelship_shadow_disagreements_total{${labels}}`)).toBe(
      ones + (ones > 0 ? 2 : 0),
    );
    // A busy shadow drops the mirror rather than queueing it. Its one worker is held by a long
    // run of its own (whatever the machine's speed), and a request arrives meanwhile.
    const holdRows = 400_000;
    const hold = shadow.score(new Float32Array(holdRows * shadow.width), holdRows);
    await waitFor(() => (shadow.load.running > 0 ? true : undefined), 'busy');
    const during = await server.http.post('/predict').send(row).expect(200);
    expect([during.body.variant, during.body.version]).toEqual(['stable', '1']);
    expect(shadow.load.running).toBeGreaterThan(0);
    await hold;
    await idle();
    expect(await count('dropped')).toBe(1);
    expect(await count('compared')).toBe(11);
    expect(await readMetric(server, 'modelship_rollout_weight{variant="shadow"}')).toBe(1);
  });

  it('A/B: a key always gets the same variant, and the split holds over 1000 keys', async () => {
    const v2 = await copy.registerVersion();
    const server = await copy.startServer();
    await startRollout(server, { strategy: 'ab', version: v2, split: 0.3 });
    await untilState(server, 'running');
    const row = exampleRow(server);
    const variantOf = async (key?: string) => {
      const request = server.http.post('/predict');
      if (key !== undefined) request.set('X-User-Id', key);
      return (await request.send(row).expect(200)).headers['x-model-variant'];
    };
    const keys = Array.from({ length: 1000 }, (_, i) => `user-${i}`);
    const variants: string[] = [];
    for (let i = 0; i < keys.length; i += 20) {
      variants.push(...(await Promise.all(keys.slice(i, i + 20).map((key) => variantOf(key)))));
    }
    const share = variants.filter((variant) => variant === 'b').length / keys.length;
    expect(share).toBeGreaterThan(0.25);
    expect(share).toBeLessThan(0.35);
    for (const index of [0, 1, 2, 3, 4]) {
      expect(await variantOf(keys[index])).toBe(variants[index]);
    }
    expect(await variantOf()).toBe('stable');
    await sleep(50);
    expect((await readRolloutStatus(server)).state).toBe('running');
  });
});
