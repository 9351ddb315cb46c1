/** @jest-environment ../../jest.onnx-environment.js */
// The multiclass canary's live-quality check end to end, on the tickets model (three text
// classes): labels posted through /feedback in the user's class texts reach the canary, whose
// accuracy is compared with stable's (two-proportion z-test, macro F1 in the detail) and rolls a
// worse candidate back. Both versions are the same model; the true classes posted make the
// candidate's answers the wrong ones.
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

describe('canary live accuracy (multiclass)', () => {
  let copy: RegistryCopy;
  beforeEach(async () => {
    copy = await copyRegistry('multiclass');
  });
  afterEach(async () => {
    await copy.remove();
  });

  it('rolls back a candidate whose classes the labels posted later call wrong', async () => {
    const server = await copy.startServer({ FEEDBACK_STORE: `file:${join(copy.dir, 'feedback')}` });
    const classes = server.ctx.slots.stable?.classes ?? [];
    expect(classes.length).toBe(3);
    const v2 = await copy.registerVersion({ stage: 'staging' });
    await startLiveQualityCanary(server, v2);
    const traffic = sendTraffic(server, 4, (response) => {
      expect(response.status).toBe(200);
      const { predictionId, variant, label, probabilities } = response.body;
      expect(Object.keys(probabilities)).toEqual(classes);
      return { id: predictionId as string, variant: variant as string, label: label as string };
    });
    const early = await waitForErrorRatePassed(server);
    const answers = await traffic.stop();
    // No labels yet: accuracy is inconclusive and never held the step.
    expect(early.step).toBeGreaterThan(0);
    expect(early.checks.filter((c) => c.check === 'live_accuracy').map((c) => c.result)).toContain(
      'inconclusive',
    );
    expect(answers.every((a) => classes.includes(a.label))).toBe(true);
    expect(new Set(answers.map((a) => a.variant))).toEqual(new Set(['stable', 'canary']));
    // Stable's answer is the truth; the canary's is always another class, in the user's texts.
    const other = (label: string) => classes[(classes.indexOf(label) + 1) % classes.length];
    const feedback = answers.map((a) => ({
      predictionId: a.id,
      label: a.variant === 'canary' ? other(a.label) : a.label,
    }));
    await postFeedback(server, feedback);
    const status = await waitForRollback(server);
    const failed = status.checks.filter((check) => check.result === 'failed');
    expect(failed.map((check) => check.check)).toEqual(['live_accuracy', 'live_accuracy']);
    expect(failed[0].detail).toMatch(
      /accuracy candidate 0\.00% vs stable 100\.00% over \d+\/\d+ .*; macro F1 candidate 0\.000 vs stable 1\.000/,
    );
    expect(status.stable).toEqual({ name: 'tickets', version: '1' });
    expect((await copy.registry.getVersion('tickets', { version: v2 })).stage).toBe('archived');
    expect(
      await readMetric(
        server,
        'modelship_rollout_checks_total{check="live_accuracy",result="failed"}',
      ),
    ).toBe(2);
  });
});
