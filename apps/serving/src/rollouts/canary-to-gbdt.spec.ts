/** @jest-environment ../../jest.onnx-environment.js */
// A canary from the churn sample's network (v1, production) to gradient-boosted trees trained on
// the same data (v2): both answer real rows of the dataset through the same service, the true
// labels arrive as feedback, and the trees are promoted by the live-quality checks.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { transformRows } from '@modelship/features';
import type { RegistryCopy } from '../../test/rollout-fixture.js';
import {
  ADMIN_AUTH,
  copyRegistry,
  readLabelledRows,
  runLabelledCanary,
  startLiveQualityCanary,
} from '../../test/rollout-fixture.js';
import { fixtureBundleDir, stableModel } from '../../test/serving-fixture.js';

describe('a canary from the network to gradient-boosted trees', () => {
  let copy: RegistryCopy;
  beforeEach(async () => {
    copy = await copyRegistry('churn');
  });
  afterEach(async () => {
    await copy.remove();
  });

  it('serves both models side by side and promotes the trees once labels show they are as good', async () => {
    // The candidate really is a tree ensemble, not the network copied under another version.
    const onnx = await readFile(join(fixtureBundleDir('gbdt'), 'model.onnx'));
    expect(onnx.includes('TreeEnsembleRegressor')).toBe(true);
    expect((await readFile(join(fixtureBundleDir('churn'), 'model.onnx'))).includes('Tree')).toBe(
      false,
    );
    const server = await copy.startServer({ FEEDBACK_STORE: `file:${join(copy.dir, 'feedback')}` });
    const rows = await readLabelledRows(server, 400);
    const v2 = await copy.registerVersion({ stage: 'staging', from: 'gbdt' });
    // Two steps of two seconds: live quality never holds a step, so the intervals are long
    // enough for labels posted after the first requests to be judged before the last step ends.
    await startLiveQualityCanary(server, v2, {
      steps: [0.5, 1],
      intervalMs: 2000,
      minLabelledRows: 20,
    });

    // Real rows until the rollout ends, the true labels posted after each batch.
    const { status, answers } = await runLabelledCanary(server, rows);
    expect(status.state).toBe('promoted');
    const passed = status.checks.filter(
      (c) => c.check === 'live_accuracy' && c.result === 'passed',
    );
    expect(passed.length).toBeGreaterThan(0);
    // Both models answered, each as itself: v1 as stable (then v2, once promoted), v2 as canary.
    const byVariant = (variant: string) => answers.filter((a) => a.variant === variant);
    expect(byVariant('stable')[0]?.version).toBe('1');
    expect(new Set(byVariant('canary').map((a) => a.version))).toEqual(new Set([String(v2)]));
    for (const answer of answers) expect(answer.probability).toBeGreaterThanOrEqual(0);
    // The trees learned the data: on the rows the canary answered, clearly better than chance.
    const canary = byVariant('canary');
    const correct = canary.filter((a) => a.label === a.truth).length;
    expect(correct / canary.length).toBeGreaterThan(0.6);
    expect((await copy.registry.getVersion('churn', { stage: 'production' })).version).toBe(v2);
    // Promoted: every answer now comes from the trees, through /predict and V2 infer alike.
    const after = await server.http.post('/predict').send(rows[0]!.instance).expect(200);
    expect(after.headers['x-model-version']).toBe(String(v2));
    const admin = await server.http.get('/admin/rollout').set('Authorization', ADMIN_AUTH);
    expect(admin.body.stable).toEqual({ name: 'churn', version: String(v2) });
    const features = transformRows(stableModel(server).featureSpec, [rows[0]!.instance]);
    const v2Answer = await server.http
      .post('/v2/models/churn/infer')
      .send({
        inputs: [
          {
            name: 'features',
            datatype: 'FP32',
            shape: [1, features.width],
            data: [...features.data],
          },
        ],
      })
      .expect(200);
    expect(v2Answer.body.model_version).toBe(String(v2));
    const probability = v2Answer.body.outputs.find(
      (o: { name: string }) => o.name === 'probability',
    );
    expect(probability.data[0]).toBeCloseTo(after.body.probability, 6);
  });
});
