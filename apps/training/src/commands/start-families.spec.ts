/** @jest-environment ../../jest.onnx-environment.js */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Task } from '@modelship/core';
import { verifyBundle } from '@modelship/model-bundle';
import { openRegistry } from '@modelship/model-registry';
import type { TrainResult } from '../steps/train-result.js';
import type { TaskWorkspace } from '../testing/create-task-workspace.js';
import { createTaskWorkspace } from '../testing/create-task-workspace.js';
import type { CliRun } from '../testing/npx-modelship.js';
import { npxModelship } from '../testing/npx-modelship.js';

// `npm start` with another model family, the CLI spawned as a person runs it, on each task's
// generated data (an id column, an ignored column, missing values); and params.yaml values the
// schema refuses, which must stop `train` and `start` with the key and the allowed range.
const GATES: Readonly<Record<Task, string>> = {
  binary: '{ min_roc_auc: 0.6, metric: roc_auc, margin: 0.002 }',
  multiclass: '{ min_macro_f1: 0.5, metric: macro_f1, margin: 0.002 }',
  regression: '{ min_r2: 0.3, metric: rmse, margin: 0 }',
};

const HEADLINES: Readonly<Record<Task, string>> = {
  binary: 'roc_auc',
  multiclass: 'macro_f1',
  regression: 'rmse',
};

function createWorkspace(task: Task, model: string): Promise<TaskWorkspace> {
  return createTaskWorkspace(task, { model, gate: GATES[task] });
}

function modelship(root: string, ...args: string[]): CliRun {
  return npxModelship(args, { env: { MODELSHIP_ROOT: root, GITHUB_STEP_SUMMARY: '' } });
}

async function readBundleFile(root: string, file: string): Promise<string> {
  return readFile(join(root, 'artifacts/bundle', file), 'utf8');
}

describe.each([
  { task: 'binary' as const, estimator: 'logistic regression' },
  { task: 'multiclass' as const, estimator: 'multinomial logistic regression' },
  { task: 'regression' as const, estimator: 'ridge regression' },
])('modelship start with model.type linear on a $task workspace', ({ task, estimator }) => {
  let workspace: Awaited<ReturnType<typeof createWorkspace>>;
  let run: CliRun;
  beforeAll(async () => {
    workspace = await createWorkspace(task, 'type: linear, linear: { l2: 0.5 }');
    run = modelship(workspace.root, 'start');
  }, 120_000);
  afterAll(() => rm(workspace.root, { recursive: true, force: true }));

  it('trains, evaluates, gates and registers the linear model', () => {
    expect({ status: run.status, stderr: run.stderr.slice(-2000) }).toMatchObject({ status: 0 });
    expect(run.stdout).toMatch(
      new RegExp(`✔ train .*${estimator}, L2 0\\.5, \\d+ iterations? on [\\d,]+ rows`),
    );
    expect(run.stdout).toMatch(
      new RegExp(`✔ register .*${workspace.name} v1, promoted to production`),
    );
  });

  it('writes a bundle that verifies, with its metrics and a card naming the family', async () => {
    const metadata = await verifyBundle(join(workspace.root, 'artifacts/bundle'));
    expect(metadata.backend).toBe('none');
    expect(metadata.params).toMatchObject({ model: { type: 'linear', linear: { l2: 0.5 } } });
    const metrics = JSON.parse(await readBundleFile(workspace.root, 'metrics.json')) as Record<
      string,
      number
    >;
    expect(Number.isFinite(metrics[HEADLINES[task]])).toBe(true);
    const card = await readBundleFile(workspace.root, 'card.md');
    expect(card).toMatch(new RegExp(`\\| Type \\| .*: ${estimator}, served as ONNX \\|`));
    expect(card).toMatch(
      new RegExp(
        `\\| Training \\| [\\d,]+ rows, ${estimator}, L2 0\\.5, \\d+ iterations?, \\d+\\.\\d s \\|`,
      ),
    );
    expect(card).toContain('Linear model');
    expect(existsSync(join(workspace.root, 'artifacts/bundle/tfjs'))).toBe(false);
  });
});

describe.each<Task>(['binary', 'multiclass', 'regression'])(
  'modelship start with model.type gbdt on a %s workspace',
  (task) => {
    let workspace: Awaited<ReturnType<typeof createWorkspace>>;
    let run: CliRun;
    beforeAll(async () => {
      workspace = await createWorkspace(
        task,
        'type: gbdt, gbdt: { max_trees: 60, min_rows_per_leaf: 10 }',
      );
      run = modelship(workspace.root, 'start');
    }, 120_000);
    afterAll(() => rm(workspace.root, { recursive: true, force: true }));

    it('trains, evaluates, gates and registers the trees', () => {
      expect({ status: run.status, stderr: run.stderr.slice(-2000) }).toMatchObject({ status: 0 });
      expect(run.stdout).toMatch(
        /✔ train .*\d+ trees from \d+ rounds \(best round \d+(, stopped early)?\) on [\d,]+ rows/,
      );
      expect(run.stdout).toMatch(
        new RegExp(`✔ register .*${workspace.name} v1, promoted to production`),
      );
    });

    it('writes a bundle that verifies: a tree ensemble, its metrics, and a card with the trees and their features', async () => {
      const metadata = await verifyBundle(join(workspace.root, 'artifacts/bundle'));
      expect(metadata.params).toMatchObject({
        model: { type: 'gbdt', gbdt: { max_trees: 60, min_rows_per_leaf: 10 } },
      });
      const onnx = await readFile(join(workspace.root, 'artifacts/bundle/model.onnx'));
      expect(onnx.includes('TreeEnsembleRegressor')).toBe(true);
      expect(existsSync(join(workspace.root, 'artifacts/bundle/tfjs'))).toBe(false);
      const metrics = JSON.parse(await readBundleFile(workspace.root, 'metrics.json')) as Record<
        string,
        number
      >;
      expect(Number.isFinite(metrics[HEADLINES[task]])).toBe(true);
      const result = JSON.parse(
        await readBundleFile(workspace.root, 'train-result.json'),
      ) as TrainResult;
      const summary = result.model as Extract<TrainResult['model'], { type: 'gbdt' }>;
      expect(summary.type).toBe('gbdt');
      expect(summary.trees).toBeGreaterThan(0);
      const card = await readBundleFile(workspace.root, 'card.md');
      expect(card).toContain('Gradient-boosted trees');
      expect(card).toContain('## Feature importance');
      expect(card).toContain(`over the model's ${summary.trees} trees`);
      // The most important feature by gain heads the card's table.
      expect(card).toContain(`| \`${summary.importance[0]?.feature}\` |`);
    });
  },
);

describe('a gbdt challenger gated against a network in production', () => {
  let workspace: Awaited<ReturnType<typeof createWorkspace>>;
  let first: CliRun;
  let second: CliRun;
  beforeAll(async () => {
    // v1: a network trained for one epoch at a learning rate that barely moves it (near chance);
    // then the same workspace switches to trees, which learn the data.
    workspace = await createTaskWorkspace('binary', {
      model: 'hidden_units: [4], epochs: 1, learning_rate: 0.000001, batch_size: 64',
      gate: '{ min_roc_auc: 0.1, metric: roc_auc, margin: 0.01 }',
    });
    first = modelship(workspace.root, 'start');
    const params = join(workspace.root, 'params.yaml');
    const text = await readFile(params, 'utf8');
    await writeFile(
      params,
      text.replace(
        /^model: .*$/m,
        `model: { name: ${workspace.name}, type: gbdt, gbdt: { max_trees: 60, min_rows_per_leaf: 10 } }`,
      ),
    );
    second = modelship(workspace.root, 'start');
  }, 180_000);
  afterAll(() => rm(workspace.root, { recursive: true, force: true }));

  it('re-evaluates the production network on the same holdout, and promotes the trees that beat it', async () => {
    expect({ status: first.status, stderr: first.stderr.slice(-2000) }).toMatchObject({
      status: 0,
    });
    expect({ status: second.status, stderr: second.stderr.slice(-2000) }).toMatchObject({
      status: 0,
    });
    const gate = JSON.parse(await readBundleFile(workspace.root, 'gate.json')) as {
      passed: boolean;
      championChallenger?: {
        champion: { version: number | string };
        winner: string;
        metrics: { metric: string; champion: number; challenger: number }[];
      };
    };
    expect(gate.passed).toBe(true);
    expect(gate.championChallenger?.champion.version).toBe(1);
    expect(gate.championChallenger?.winner).toBe('challenger');
    const auc = gate.championChallenger?.metrics.find((m) => m.metric === 'roc_auc');
    expect(auc?.challenger).toBeGreaterThan((auc?.champion ?? 1) + 0.01);
    expect(second.stdout).toMatch(
      new RegExp(`✔ register .*${workspace.name} v2, promoted to production`),
    );
    // The registry's production version is the tree ensemble, the network kept as v1.
    const registry = await openRegistry(`file:${join(workspace.root, '.modelship/registry')}`);
    const production = await registry.getVersion(workspace.name, { stage: 'production' });
    expect(production.version).toBe(2);
    const fetched = join(workspace.root, 'fetched');
    await registry.fetchModel(workspace.name, { version: 2 }, fetched);
    expect((await readFile(join(fetched, 'model.onnx'))).includes('TreeEnsembleRegressor')).toBe(
      true,
    );
  });
});

describe('modelship start with model.type auto', () => {
  let workspace: Awaited<ReturnType<typeof createWorkspace>>;
  let run: CliRun;
  beforeAll(async () => {
    workspace = await createWorkspace(
      'regression',
      'type: auto, hidden_units: [8], epochs: 5, batch_size: 64, seed: 4',
    );
    run = modelship(workspace.root, 'start');
  }, 180_000);
  afterAll(() => rm(workspace.root, { recursive: true, force: true }));

  it('says which family it kept and why in the train step, and records the comparison', async () => {
    expect({ status: run.status, stderr: run.stderr.slice(-2000) }).toMatchObject({ status: 0 });
    const result = JSON.parse(
      await readBundleFile(workspace.root, 'train-result.json'),
    ) as TrainResult;
    const { selection } = result;
    expect(selection?.candidates.map((c) => c.type)).toEqual(['linear', 'gbdt', 'mlp']);
    const best = [...(selection?.candidates ?? [])].sort((a, b) => a.validation - b.validation)[0];
    expect(selection?.chosen).toBe(best?.type);
    expect(result.modelType).toBe(best?.type);
    const figures = selection?.candidates
      .map((c) => `${c.type} ${c.validation.toFixed(4)}`)
      .join(', ');
    expect(run.stdout).toContain(`✔ train`);
    expect(run.stdout).toContain(`auto kept ${best?.type} (validation rmse: ${figures})`);
    const card = await readBundleFile(workspace.root, 'card.md');
    expect(card).toContain('## Model selection');
    for (const candidate of selection?.candidates ?? []) {
      const family =
        candidate.type === selection?.chosen ? `**${candidate.type}** (chosen)` : candidate.type;
      expect(card).toContain(
        `| ${family} | ${candidate.validation.toFixed(4)} | ${candidate.trainSeconds.toFixed(1)} |`,
      );
    }
  });
});

describe('modelship train and start with model params the schema refuses', () => {
  it.each([
    ['type: xgboost', 'model.type must be one of mlp, gbdt, linear, auto, got "xgboost"'],
    ['type: linear, linear: { l2: 0 }', 'model.linear.l2 must be a number > 0, got 0'],
    [
      'type: gbdt, gbdt: { learning_rate: 0 }',
      'model.gbdt.learning_rate must be a number in (0, 1], got 0',
    ],
    [
      'type: auto, gbdt: { max_depth: -1 }',
      'model.gbdt.max_depth must be an integer in [1, 64], got -1',
    ],
  ])(
    '`%s` stops both before any data is read, naming the key and the range',
    async (model, message) => {
      const workspace = await createWorkspace('binary', model);
      try {
        const train = modelship(workspace.root, 'train');
        expect(train.status).toBe(2);
        expect(train.stderr.trim()).toBe(`modelship train: params.yaml: ${message}`);
        const start = modelship(workspace.root, 'start');
        expect(start.status).toBe(1);
        expect(start.stderr).toContain(`params.yaml: ${message}`);
        expect(existsSync(join(workspace.root, 'artifacts/bundle'))).toBe(false);
      } finally {
        await rm(workspace.root, { recursive: true, force: true });
      }
    },
    60_000,
  );
});
