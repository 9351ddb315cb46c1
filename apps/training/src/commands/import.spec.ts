/** @jest-environment ../../jest.onnx-environment.js */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { BundleMetadata } from '@modelship/model-bundle';
import { openRegistry } from '@modelship/model-registry';
import type { NotebookModel } from '../import/testing/notebook-models.js';
import { writeNotebookModel } from '../import/testing/notebook-models.js';
import { npxModelship } from '../testing/npx-modelship.js';

// `npx modelship import` as a person types it, through the package's bin, in a workspace whose
// params.yaml is about another dataset entirely: the sample and the model come from the flags.
let root: string;
let binary: NotebookModel;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'modelship-import-cli-'));
  binary = await writeNotebookModel('sklearn-pipeline-binary', join(root, 'notebook'));
  await writeFile(
    join(root, 'params.yaml'),
    [
      'data: { path: data/churn.csv, dvc: data.dvc, schema: data/churn.schema.json, target: churned }',
      'split: { test: 0.2, validation: 0.15, seed: 3, stratify: true }',
      'model: { name: loans }',
      'evaluate: { threshold: 0.5 }',
      'gate: { min_roc_auc: 0.6, metric: roc_auc, margin: 0.002 }',
    ].join('\n'),
  );
}, 60_000);
afterAll(() => rm(root, { recursive: true, force: true }));

const modelship = (args: string[]) =>
  npxModelship(args, { env: { MODELSHIP_ROOT: root, GITHUB_STEP_SUMMARY: '' } });
const fromRoot = (path: string) => relative(root, path);

describe('modelship import', () => {
  it('imports, evaluates, gates and registers a notebook pipeline, and prints the next step', async () => {
    const run = modelship([
      'import',
      fromRoot(binary.modelPath),
      '--data',
      fromRoot(binary.dataPath),
      '--target',
      binary.target,
      '--register',
    ]);
    expect(run.stderr).not.toMatch(/modelship import: .* failed/);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      /✔ import\s+[\d.]+ s {2}notebook\/sklearn-pipeline-binary\.onnx \(skl2onnx [\d.]+\): 4 rewrites, proved on 2,000 rows/,
    );
    expect(run.stdout).toMatch(
      /✔ evaluate .* test ROC AUC 0\.\d{4} \(logistic baseline 0\.\d{4}\)/,
    );
    expect(run.stdout).toMatch(/✔ register .* loans v1, promoted to production/);
    const metadata = JSON.parse(
      await readFile(join(root, 'artifacts/bundle/metadata.json'), 'utf8'),
    ) as BundleMetadata;
    expect(metadata.imported?.file).toBe(fromRoot(binary.modelPath));
    expect(metadata.data.path).toBe(fromRoot(binary.dataPath));
    const registry = await openRegistry('file:.modelship/registry', { root });
    expect((await registry.getVersion('loans', { version: 1 })).stage).toBe('production');
  }, 120_000);

  it('leaves gate and register to the standalone commands without --register', async () => {
    // A second workspace: nothing in its registry yet.
    const other = await mkdtemp(join(tmpdir(), 'modelship-import-cli-'));
    await writeFile(join(other, 'params.yaml'), await readFile(join(root, 'params.yaml'), 'utf8'));
    const model = await writeNotebookModel('sklearn-pipeline-binary', join(other, 'notebook'), {
      seed: 5,
    });
    const run = (args: string[]) =>
      npxModelship(args, { env: { MODELSHIP_ROOT: other, GITHUB_STEP_SUMMARY: '' } });
    try {
      const imported = run([
        'import',
        relative(other, model.modelPath),
        '--data',
        relative(other, model.dataPath),
        '--target',
        model.target,
        '--schema',
        relative(other, model.schemaPath),
        '--bundle',
        'out/loans',
      ]);
      expect(imported.status).toBe(0);
      expect(imported.stdout).not.toMatch(/[✔✖] (gate|register)/);
      expect(imported.stdout).toContain(
        'next: open out/loans/card.md, then npx modelship gate --bundle out/loans && npx modelship register --bundle out/loans',
      );
      const evaluated = run(['evaluate', '--bundle', 'out/loans']);
      expect(evaluated.status).toBe(0);
      expect(evaluated.stdout).toMatch(/roc_auc/i);
      // The sample's schema, not params.yaml's (another dataset), names the target and the slices.
      const card = await readFile(join(other, 'out/loans/card.md'), 'utf8');
      expect(card).toContain('predicts `defaulted`');
      expect(card).toMatch(/## Slices[\s\S]*purpose/);
      const gate = run(['gate', '--bundle', 'out/loans']);
      expect(gate.status).toBe(0);
      expect(gate.stdout).toMatch(/min_roc_auc/);
      const register = run(['register', '--bundle', 'out/loans']);
      expect(register.status).toBe(0);
      const metadata = JSON.parse(
        await readFile(join(other, 'out/loans/metadata.json'), 'utf8'),
      ) as BundleMetadata;
      expect(metadata.gate?.passed).toBe(true);
      expect(metadata.imported?.producer.name).toBe('skl2onnx');
      // The standalone commands ran on params.yaml's data settings: the sample stays the bundle's data.
      expect(metadata.data.path).toBe(relative(other, model.dataPath));
      const registry = await openRegistry('file:.modelship/registry', { root: other });
      expect((await registry.getVersion('loans', { version: 1 })).stage).toBe('production');
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  }, 120_000);

  it('exits 2 with one line naming the file and the input when the model does not fit the data', async () => {
    const bad = await writeNotebookModel('bad-unmatched-input', join(root, 'bad'));
    const run = modelship([
      'import',
      fromRoot(bad.modelPath),
      '--data',
      fromRoot(bad.dataPath),
      '--target',
      bad.target,
      '--bundle',
      'out/bad',
    ]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /^modelship import: import failed: .*bad-unmatched-input\.onnx: the model input "income_k_v2" matches no column of the data .*Fix: /m,
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(root, 'out/bad'))).toBe(false);
  }, 60_000);
});
