// A real model bundle and registry for tests, made by running the training CLI on a small
// generated dataset in a workspace of its own, cached under tmp/<cache>/<hash of the code and
// config that produce it>, so reruns take no time.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import type { Task } from '@modelship/core';
import { writeTaskDataset } from '@modelship/data-validation/testing';
import { stringify } from 'yaml';

/** The workspace root (this file lives in libs/model-bundle/src/testing). */
export const WORKSPACE_ROOT = join(import.meta.dirname, '..', '..', '..', '..');

/** Where a built fixture is. */
export interface ModelFixture {
  /** A trained, verified bundle folder (what MODEL_DIR points at). */
  bundleDir: string;
  /** A `file:` registry URL holding that model as version 1 in production. */
  registryUrl: string;
  /** The fixture workspace: params.yaml, data/, config/, artifacts/, .modelship/registry. */
  workspace: string;
}

/** What tells one fixture from another. */
export interface ModelFixtureOptions {
  /** Folder under `<workspace root>/tmp/` holding the cached fixtures, e.g. `serving-fixture`. */
  cacheDir: string;
  /** The model's name in the fixture's registry. */
  modelName: string;
  /** Where the generated sample is written inside the fixture workspace, e.g. `data/churn.csv`. */
  dataPath: string;
  /** Seed of the generated sample. */
  seed: number;
  /** Names the fixture in errors, e.g. `serving fixture`. */
  label: string;
  /** Further files (workspace-relative) whose content changes the fixture: the caller's setup. */
  inputs?: string[];
  /**
   * What the model learns: the seeded churn sample (the default), or the generated dataset of a
   * task (`@modelship/data-validation/testing`), shaped nothing like it: loans (binary, yes/no),
   * tickets (multiclass, three text classes) or listings (regression, a price), each with an id
   * column, an ignored column and missing values.
   */
  dataset?: FixtureDataset;
  /**
   * params.yaml `model` keys over the pinned defaults, e.g. `{ type: 'gbdt' }` for a fixture of
   * another model family.
   */
  model?: Readonly<Record<string, unknown>>;
}

/** The datasets a fixture can be trained on. */
export type FixtureDataset = 'churn' | Task;

// The code and config that produce a fixture: a change to any of them builds a new one.
const INPUTS = [
  'libs/core/src',
  'libs/params/src',
  'apps/training/src',
  'libs/features/src',
  'libs/model-bundle/src',
  'libs/model-registry/src',
  'libs/data-validation/src',
  'libs/sample-data/src',
];

/** Builds the fixture once (cached by content hash) and answers where it is. */
export async function buildModelFixture(options: ModelFixtureOptions): Promise<ModelFixture> {
  const hash = await hashInputs(
    [...INPUTS, ...(options.inputs ?? [])],
    `${options.dataset ?? 'churn'} ${JSON.stringify(options.model ?? {})}`,
  );
  const workspace = join(WORKSPACE_ROOT, 'tmp', options.cacheDir, hash);
  if (!existsSync(join(workspace, 'READY'))) await trainFixture(workspace, options);
  return describeModelFixture(workspace);
}

/** The bundle and registry inside a fixture workspace. */
export function describeModelFixture(workspace: string): ModelFixture {
  return {
    workspace,
    bundleDir: join(workspace, 'artifacts', 'bundle'),
    registryUrl: `file:${join(workspace, '.modelship', 'registry')}`,
  };
}

// --- internal ---

async function trainFixture(dir: string, options: ModelFixtureOptions): Promise<void> {
  const work = `${dir}.build-${process.pid}`;
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true });
  // The fixture never reads the workspace's own params.yaml, dataset or schema: a workspace built
  // on a user's CSV, of any task, tests on the same models as this repository does (and its test
  // results do not depend on its params.yaml, so they can be cached across workspaces).
  const params: Record<string, unknown> = structuredClone(FIXTURE_PARAMS);
  const dataset = options.dataset ?? 'churn';
  const setup =
    dataset === 'churn'
      ? sampleSetup(options)
      : await taskSetup(work, dataset, options);
  params['data'] = setup.data;
  params['task'] = setup.task;
  params['model'] = {
    ...FIXTURE_PARAMS.model,
    name: options.modelName,
    epochs: setup.epochs,
    ...options.model,
  };
  // The fixture is about what uses the model, not its quality: a gate that always passes.
  params['gate'] = setup.gate;
  params['registry'] = { url: 'file:.modelship/registry' };
  await writeFile(join(work, 'params.yaml'), stringify(params));
  const commands = [...setup.commands, 'start'];
  for (const command of commands) await runTrainingCli(work, command.split(' '), options.label);
  await writeFile(join(work, 'READY'), new Date().toISOString());
  await rm(dir, { recursive: true, force: true });
  await rename(work, dir);
}

// The training settings of every fixture: the kit's defaults, pinned here.
const FIXTURE_PARAMS = {
  split: { test: 0.2, validation: 0.1, seed: 42, stratify: true },
  validation: { report_dir: 'reports/validation', max_examples: 5 },
  drift: { bins: 10, psi_warn: 0.1, psi_alert: 0.25, ks_alert: 0.1, chi2_p_value: 0.01 },
  model: {
    hidden_units: [32, 16],
    activation: 'relu',
    dropout: 0,
    l2: 0.0001,
    learning_rate: 0.005,
    batch_size: 512,
    early_stopping_patience: 4,
    class_weight: 'balanced',
    seed: 42,
    min_category_count: 5,
    max_categories: 50,
  },
  evaluate: { threshold: 0.5 },
};

interface FixtureSetup {
  data: Record<string, unknown>;
  task: Task;
  epochs: number;
  gate: Record<string, unknown>;
  /** CLI commands before `start`. */
  commands: string[];
}

function sampleSetup(options: ModelFixtureOptions): FixtureSetup {
  return {
    data: {
      path: options.dataPath,
      dvc: 'data.dvc',
      schema: 'config/schema.json',
      target: 'churned',
      sample: { generator: 'churn', rows: 3000, seed: options.seed },
    },
    task: 'binary',
    epochs: 3,
    gate: { min_roc_auc: 0.5, metric: 'roc_auc', margin: 0 },
    commands: [
      'data prepare',
      `schema infer ${options.dataPath} --target churned --out config/schema.json`,
    ],
  };
}

// A generated task dataset: written with its schema (which names the id and ignored columns),
// then versioned by `data prepare` like a user's own file.
async function taskSetup(work: string, task: Task, options: ModelFixtureOptions): Promise<FixtureSetup> {
  const generated = await writeTaskDataset(join(work, 'data'), task, { rows: 3000, seed: options.seed });
  const dataPath = relative(work, generated.csvPath);
  await mkdir(join(work, 'config'), { recursive: true });
  await rename(generated.schemaPath, join(work, 'config', 'schema.json'));
  return {
    data: { path: dataPath, dvc: 'data.dvc', schema: 'config/schema.json', target: generated.target },
    task,
    epochs: 8,
    gate: FIXTURE_GATES[task],
    commands: ['data prepare'],
  };
}

// Gates every fixture model passes: each on its task's headline metric, with no margin.
const FIXTURE_GATES: Readonly<Record<Task, Record<string, unknown>>> = {
  binary: { min_roc_auc: 0.5, metric: 'roc_auc', margin: 0 },
  multiclass: { min_accuracy: 0.34, metric: 'accuracy', margin: 0 },
  regression: { max_rmse: 1e12, metric: 'rmse', margin: 0 },
};

async function runTrainingCli(cwd: string, args: string[], label: string): Promise<void> {
  try {
    await promisify(execFile)(
      process.execPath,
      [join(WORKSPACE_ROOT, 'apps/training/bin/modelship.js'), ...args],
      {
        cwd,
        env: { ...process.env, MODELSHIP_ROOT: cwd, MODEL_REGISTRY: '' },
        maxBuffer: 64 << 20,
      },
    );
  } catch (error) {
    const { stderr } = error as { stderr?: string };
    throw new Error(
      `Building the ${label} failed at \`modelship ${args.join(' ')}\`:\n${stderr?.slice(-4000) ?? String(error)}`,
    );
  }
}

async function hashInputs(inputs: string[], setup: string): Promise<string> {
  const hash = createHash('sha256').update(`dataset ${setup}\0`);
  for (const input of inputs) {
    for (const file of await listFiles(join(WORKSPACE_ROOT, input))) {
      if (file.endsWith('.spec.ts')) continue;
      hash
        .update(`${relative(WORKSPACE_ROOT, file)}\0`)
        .update(await readFile(file))
        .update('\0');
    }
  }
  return hash.digest('hex').slice(0, 16);
}

async function listFiles(path: string): Promise<string[]> {
  if (!existsSync(path)) return [];
  try {
    const entries = await readdir(path, { recursive: true, withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name))
      .sort();
  } catch {
    return [path];
  }
}
