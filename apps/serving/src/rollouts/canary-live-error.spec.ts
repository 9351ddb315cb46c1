/** @jest-environment ../../jest.onnx-environment.js */
// The regression canary's live-quality check end to end, on the listings model: labels posted
// through /feedback reach the canary, whose MAE is compared with stable's (Welch t-test) and
// rolls a worse candidate back. Both versions are the same model; the true values posted make
// the candidate's answers the wrong ones, as the binary spec's truths do.
import { join } from 'node:path';
import type { RegistryCopy } from '../../test/rollout-fixture.js';
import {
  copyRegistry,
  postFeedback,
  readMetric,
  sendTraffic,
  startLiveQualityCanary,
  waitForErrorRatePassed,
  waitForRollback,
} from '../../test/rollout-fixture.js';

describe('canary live error (regression)', () => {
  let copy: RegistryCopy;
  beforeEach(async () => {
    copy = await copyRegistry('regression');
  });
  afterEach(async () => {
    await copy.remove();
  });

  it('rolls back a candidate whose answers are 50% off the true values posted later', async () => {
    const server = await copy.startServer({ FEEDBACK_STORE: `file:${join(copy.dir, 'feedback')}` });
    const v2 = await copy.registerVersion({ stage: 'staging' });
    await startLiveQualityCanary(server, v2, { maxErrorIncrease: 0.1 });
    const traffic = sendTraffic(server, 4, (response) => {
      expect(response.status).toBe(200);
      const { predictionId, variant, value } = response.body;
      return { id: predictionId as string, variant: variant as string, value: value as number };
    });
    const early = await waitForErrorRatePassed(server);
    const answers = await traffic.stop();
    // No labels yet: the regression check is inconclusive and never held the step.
    expect(early.step).toBeGreaterThan(0);
    expect(early.checks.filter((c) => c.check === 'live_error').map((c) => c.result)).toContain(
      'inconclusive',
    );
    expect(answers.every((a) => Number.isFinite(a.value))).toBe(true);
    expect(new Set(answers.map((a) => a.variant))).toEqual(new Set(['stable', 'canary']));
    // The truth is within 2% of stable's answers and 50% above the candidate's.
    const feedback = answers.map((a, i) => {
      const noise = (i % 2 === 0 ? 0.02 : -0.02) * a.value;
      const truth = a.variant === 'canary' ? a.value * 1.5 + noise : a.value + noise;
      return { predictionId: a.id, label: truth };
    });
    await postFeedback(server, feedback);
    const status = await waitForRollback(server);
    const failed = status.checks.filter((check) => check.result === 'failed');
    expect(failed.map((check) => check.check)).toEqual(['live_error', 'live_error']);
    expect(failed[0].detail).toMatch(
      /^MAE candidate \S+ vs stable \S+ \(\+\d+\.\d%, max \+10\.0%\) over \d+\/\d+ labelled predictions since the canary started \(Welch t \S+ on absolute errors/,
    );
    expect(status.stable).toEqual({ name: 'listings', version: '1' });
    expect((await copy.registry.getVersion('listings', { version: v2 })).stage).toBe('archived');
    expect(
      await readMetric(
        server,
        'modelship_rollout_checks_total{check="live_error",result="failed"}',
      ),
    ).toBe(2);
  });
});
