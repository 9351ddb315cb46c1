import { join } from 'node:path';
import type { RegistryCopy } from '../../test/rollout-fixture.js';
import {
  copyRegistry,
  exampleRow,
  postFeedback,
  readMetric,
  sendTraffic,
  startLiveQualityCanary,
  waitForErrorRatePassed,
  waitForRollback,
} from '../../test/rollout-fixture.js';

describe('canary live accuracy', () => {
  let copy: RegistryCopy;
  beforeEach(async () => {
    copy = await copyRegistry();
  });
  afterEach(async () => {
    await copy.remove();
  });

  it('rolls back a fast, error-free candidate once labels show its answers are wrong', async () => {
    const server = await copy.startServer({ FEEDBACK_STORE: `file:${join(copy.dir, 'feedback')}` });
    const row = exampleRow(server);
    // The truth for the row is what the stable v1 answers; v2's threshold makes it answer the
    // other class (at 2 every row is 0, at 0 every row is 1).
    // Labels read as numbers: the fixture's classes are "0" and "1" (answers give the class text).
    const truth = Number((await server.http.post('/predict').send(row).expect(200)).body.label);
    const v2 = await copy.registerVersion({ stage: 'staging', threshold: truth === 1 ? 2 : 0 });
    await startLiveQualityCanary(server, v2);
    // Traffic until error rate and latency passed an interval (no labels yet: accuracy is
    // inconclusive and does not hold the step).
    const traffic = sendTraffic(server, 4, (response) => {
      expect(response.status).toBe(200);
      const { predictionId, variant, label } = response.body;
      return { id: predictionId as string, variant: variant as string, label: Number(label) };
    });
    const early = await waitForErrorRatePassed(server);
    const answers = await traffic.stop();
    expect(early.step).toBeGreaterThan(0);
    expect(early.checks.filter((c) => c.check === 'live_accuracy').map((c) => c.result)).toContain(
      'inconclusive',
    );
    const labelsOf = (variant: string) =>
      new Set(answers.filter((a) => a.variant === variant).map((a) => a.label));
    expect([labelsOf('stable'), labelsOf('canary')]).toEqual([
      new Set([truth]),
      new Set([1 - truth]),
    ]);
    // The true labels arrive late, after the intervals of their predictions closed.
    await postFeedback(
      server,
      answers.map((a) => ({ predictionId: a.id, label: truth })),
    );
    const status = await waitForRollback(server);
    const failed = status.checks.filter((check) => check.result === 'failed');
    expect(failed.map((check) => check.check)).toEqual(['live_accuracy', 'live_accuracy']);
    expect(failed[0].detail).toMatch(/accuracy candidate 0\.00% vs stable 100\.00% over \d+\/\d+/);
    expect(status.history.at(-1)?.detail).toMatch(
      /canary checks failed 2 time\(s\).*live_accuracy failed/,
    );
    expect(status.stable).toEqual({ name: 'churn', version: '1' });
    expect((await copy.registry.getVersion('churn', { version: v2 })).stage).toBe('archived');
    expect((await copy.registry.getVersion('churn', { stage: 'production' })).version).toBe(1);
    expect(
      await readMetric(
        server,
        'modelship_rollout_checks_total{check="live_accuracy",result="failed"}',
      ),
    ).toBe(2);
    const after = await server.http.post('/predict').send(row).expect(200);
    expect([after.headers['x-model-version'], Number(after.body.label)]).toEqual(['1', truth]);
  });
});
