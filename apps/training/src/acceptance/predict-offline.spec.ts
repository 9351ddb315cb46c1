/** @jest-environment ../../jest.onnx-environment.js */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finalizeModelBundle } from '../bundle/finalize-model-bundle.js';
import { importModel } from '../import/import-model.js';
import { createImportContext } from '../import/testing/import-context.js';
import { writeNotebookModel } from '../import/testing/notebook-models.js';
import { evaluateTaskModel } from '../steps/evaluate-task-model.js';
import { predictOffline } from './predict-offline.js';
import { readAcceptedBundle } from './read-accepted-bundle.js';

// Acceptance computes the bundle's own answers as the service would; an imported model takes
// its named raw inputs, which the feature spec builds from the request's instances.
let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'modelship-offline-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

it("answers an imported regressor's values for raw instances, as the model itself does", async () => {
  const model = await writeNotebookModel('regressor', join(root, 'notebook'));
  const ctx = createImportContext(root, { name: 'listings', gate: { metric: 'rmse', margin: 0 } });
  const imported = await importModel(ctx, {
    modelPath: model.modelPath,
    dataPath: model.dataPath,
    target: model.target,
    schemaPath: model.schemaPath,
    bundleDir: 'out/listings',
  });
  await finalizeModelBundle(imported.ctx, imported.bundleDir);
  await evaluateTaskModel(imported.ctx, imported.bundleDir, imported.evaluationInputs);
  await finalizeModelBundle(imported.ctx, imported.bundleDir);
  const bundle = await readAcceptedBundle(imported.bundleDir);
  const instances = imported.test.rows.slice(0, 50);
  const { values, width } = await predictOffline(bundle, instances);
  expect(width).toBe(1);
  const expected = model.predict(instances);
  for (let i = 0; i < instances.length; i++)
    expect(Math.abs((values[i] as number) - (expected[i] as number))).toBeLessThan(
      Math.abs(expected[i] as number) * 1e-5 + 1e-3,
    );
});
