/** @jest-environment ../../jest.onnx-environment.js */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Params } from '@modelship/params';
import type { GateFile } from '../steps/gate-model.js';
import { defineImportSteps } from '../steps/import-model-steps.js';
import type { StepOutcome } from '../steps/start.js';
import { runQuickStart } from '../steps/start.js';
import type { StepContext } from '../steps/step-context.js';
import { defineTrainingSteps } from '../steps/train-pipeline.js';
import type { NotebookModel } from './testing/notebook-models.js';
import { writeNotebookModel } from './testing/notebook-models.js';

// A trained model and an imported one judged against each other by the gate, in both orders:
// the production model is re-scored on the challenger's holdout through its own feature spec
// (an imported champion through its named inputs).
const roots: string[] = [];
afterAll(() => Promise.all(roots.map((root) => rm(root, { recursive: true, force: true }))));

async function createWorkspace(): Promise<{ ctx: StepContext; model: NotebookModel }> {
  const root = await mkdtemp(join(tmpdir(), 'modelship-import-gate-'));
  roots.push(root);
  const model = await writeNotebookModel('sklearn-pipeline-binary', join(root, 'data'));
  const params: Params = {
    task: 'binary',
    data: { path: model.dataPath, dvc: 'data.dvc', schema: model.schemaPath, target: model.target },
    split: { test: 0.2, validation: 0.15, seed: 3, stratify: true },
    drift: { bins: 10 },
    model: { name: 'loans', type: 'linear' },
    evaluate: { threshold: 0.5 },
    gate: { min_roc_auc: 0.6, metric: 'roc_auc', margin: 0.002 },
  };
  return { ctx: { root, params, log: () => undefined }, model };
}

const importSteps = (model: NotebookModel) =>
  defineImportSteps({
    modelPath: model.modelPath,
    dataPath: model.dataPath,
    target: model.target,
    schemaPath: model.schemaPath,
    bundleDir: 'out/imported',
    register: true,
  });

function expectAllOk(outcomes: readonly StepOutcome[]): void {
  expect(outcomes.filter((o) => !o.ok).map((o) => `${o.name}: ${o.line}`)).toEqual([]);
}

async function readJson<T>(root: string, file: string): Promise<T> {
  return JSON.parse(await readFile(join(root, file), 'utf8')) as T;
}

describe('the gate between a trained and an imported model', () => {
  it("scores a trained champion on the imported challenger's holdout", async () => {
    const { ctx, model } = await createWorkspace();
    const trained = await runQuickStart(ctx, defineTrainingSteps('out/trained'));
    expectAllOk(trained);
    expect(trained.at(-1)?.line).toBe('loans v1, promoted to production');
    const imported = await runQuickStart(ctx, importSteps(model));
    expect(imported.map((o) => o.name)).toEqual(['import', 'evaluate', 'gate', 'register']);
    expectAllOk(imported.slice(0, 2));
    const gate = await readJson<GateFile>(ctx.root, 'out/imported/gate.json');
    const champion = await readJson<Record<string, number>>(ctx.root, 'out/trained/metrics.json');
    // Same sample, same seeded split: the champion re-scored on these rows scores its own metrics.
    expect(gate.comparedTo).toMatchObject({ name: 'loans', version: 1, metric: 'roc_auc' });
    expect(gate.comparedTo?.value).toBeCloseTo(champion['roc_auc'] as number, 10);
  }, 180_000);

  it("scores an imported champion, through its named inputs, on a trained challenger's holdout", async () => {
    const { ctx, model } = await createWorkspace();
    const imported = await runQuickStart(ctx, importSteps(model));
    expectAllOk(imported);
    expect(imported.at(-1)?.line).toBe('loans v1, promoted to production');
    const trained = await runQuickStart(ctx, defineTrainingSteps('out/trained'));
    expect(trained.map((o) => o.name)).toEqual(['train', 'evaluate', 'gate', 'register']);
    expectAllOk(trained.slice(0, 2));
    const gate = await readJson<GateFile>(ctx.root, 'out/trained/gate.json');
    const champion = await readJson<Record<string, number>>(ctx.root, 'out/imported/metrics.json');
    expect(gate.comparedTo).toMatchObject({ name: 'loans', version: 1, metric: 'roc_auc' });
    expect(gate.comparedTo?.value).toBeCloseTo(champion['roc_auc'] as number, 10);
  }, 180_000);
});
