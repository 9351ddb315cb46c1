/** @jest-environment ../../jest.onnx-environment.js */
import { readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ReferenceStats } from '@modelship/data-validation';
import type { BundleMetadata } from '@modelship/model-bundle';
import { openRegistry } from '@modelship/model-registry';
import type { GateFile } from '../steps/gate-model.js';
import type { TaskWorkspace } from '../testing/create-task-workspace.js';
import { createTaskWorkspace } from '../testing/create-task-workspace.js';
import type { CliRun } from '../testing/npx-modelship.js';
import { npxModelship } from '../testing/npx-modelship.js';

// `npm start` in a new workspace of each non-binary task: the CLI spawned as a person runs it, on
// generated data with an id column, an ignored column and missing values, then run again so the
// gate re-scores the production model it registered the first time.
const GATES = {
  multiclass: '{ min_macro_f1: 0.5, min_accuracy: 0.5, metric: macro_f1, margin: 0.002 }',
  regression: '{ min_r2: 0.3, metric: rmse, margin: 0 }',
} as const;

type Task = keyof typeof GATES;

function createWorkspace(task: Task): Promise<TaskWorkspace> {
  return createTaskWorkspace(task, {
    model: 'hidden_units: [16], epochs: 20, batch_size: 64, learning_rate: 0.02, seed: 4',
    gate: GATES[task],
  });
}

function modelship(root: string, ...args: string[]): CliRun {
  return npxModelship(args, { env: { MODELSHIP_ROOT: root, GITHUB_STEP_SUMMARY: '' } });
}

async function readJson<T>(root: string, file: string): Promise<T> {
  return JSON.parse(await readFile(join(root, file), 'utf8')) as T;
}

describe.each([
  { task: 'multiclass' as const, metric: 'macro_f1', direction: '>', prediction: 'categorical', gated: 'passed 2 checks' },
  { task: 'regression' as const, metric: 'rmse', direction: '<', prediction: 'numeric', gated: 'passed 1 check' },
])('modelship start on a $task workspace', ({ task, metric, direction, prediction, gated }) => {
  let workspace: Awaited<ReturnType<typeof createWorkspace>>;
  let first: CliRun;
  beforeAll(async () => {
    workspace = await createWorkspace(task);
    first = modelship(workspace.root, 'start');
  }, 180_000);
  afterAll(() => rm(workspace.root, { recursive: true, force: true }));

  it('runs every step and registers the model in production', () => {
    expect({ status: first.status, stderr: first.stderr.slice(-2000) }).toMatchObject({ status: 0 });
    for (const step of ['prepare', 'verify', 'validate', 'train', 'evaluate', 'gate', 'register'])
      expect(first.stdout).toMatch(new RegExp(`✔ ${step}\\b`));
    expect(first.stdout).toMatch(new RegExp(`✔ evaluate .*test .*${task === 'multiclass' ? 'macro_f1' : 'rmse'} \\d`));
    expect(first.stdout).toMatch(new RegExp(`✔ gate .*${gated}$`, 'm'));
    expect(first.stdout).toMatch(new RegExp(`✔ register .*${workspace.name} v1, promoted to production`));
  });

  it('writes a verified bundle of the task with its card, metrics and prediction reference', async () => {
    const metadata = await readJson<BundleMetadata>(workspace.root, 'artifacts/bundle/metadata.json');
    expect(metadata.task).toBe(task);
    expect(metadata.gate?.passed).toBe(true);
    const metrics = await readJson<Record<string, number>>(workspace.root, 'artifacts/bundle/metrics.json');
    expect(typeof metrics[metric]).toBe('number');
    const stats = await readJson<ReferenceStats>(workspace.root, 'artifacts/bundle/reference-stats.json');
    expect(stats.prediction?.kind).toBe(prediction);
    // The id and ignored columns are neither features nor drift references.
    const names = stats.features.map((feature) => feature.name);
    expect(names).not.toContain(task === 'multiclass' ? 'ticket_ref' : 'listing_id');
    expect(names).not.toContain(task === 'multiclass' ? 'agent_note' : 'photo_url');
    const card = await readFile(join(workspace.root, 'artifacts/bundle/card.md'), 'utf8');
    expect(card).toContain(`predicts \`${workspace.target}\``);
  });

  it('gates a second run against production re-scored on the same holdout, and keeps production', async () => {
    const second = modelship(workspace.root, 'start');
    expect({ status: second.status, stderr: second.stderr.slice(-2000) }).toMatchObject({ status: 0 });
    expect(second.stdout).toMatch(new RegExp(`✔ gate .*kept production v1: not better on ${metric}`));
    expect(second.stdout).toContain('skipped: the gate kept the production model');
    const gate = await readJson<GateFile>(workspace.root, 'artifacts/bundle/gate.json');
    expect(gate.checks.at(-1)).toMatchObject({ metric, comparator: direction, passed: false });
    expect(gate.championChallenger?.champion.evaluatedOn).toMatch(/^the same holdout \(\d+ rows\)$/);
    const registry = await openRegistry('file:.modelship/registry', { root: workspace.root });
    expect((await registry.getVersion(workspace.name, { stage: 'production' })).version).toBe(1);
  }, 180_000);

  it('exits 1 from `modelship gate` when the bundle does not beat production', () => {
    const result = modelship(workspace.root, 'gate');
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(metric);
    expect(result.stderr).toContain('the model did not pass');
  });

  it('records the data version and the validation report it passed', () => {
    expect(existsSync(join(workspace.root, 'data.dvc'))).toBe(true);
    expect(existsSync(join(workspace.root, 'reports/validation/validation.json'))).toBe(true);
  });
});
