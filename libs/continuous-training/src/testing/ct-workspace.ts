// A throwaway workspace for continuous-training tests: the repository's params.yaml with the
// sample's data section and schema, a small seeded sample CSV versioned in data.dvc, a file:
// registry and a file: feedback store.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { commitDvcOut, verifyDvcOut } from '@modelship/data-versioning';
import { openFeedbackStore, type FeedbackRecord } from '@modelship/feedback-store';
import { writeSampleBundle } from '@modelship/model-bundle/testing';
import { openRegistry } from '@modelship/model-registry';
import { generateChurnCsv, generateChurnRows } from '@modelship/sample-data';
import { parse, stringify } from 'yaml';
import { readTaskLiveDefaults, resolveFromRoot } from '@modelship/params';
import type { CtContext, CtWorkspaceParams } from '../ct-context.js';
import { SUBSCRIPTION_DATA, writeSubscriptionDataset } from './subscription-dataset.js';
import { TASK_WORKSPACES, writeTaskWorkspaceData, type TaskDatasetName } from './task-feedback.js';

// params.yaml as parsed YAML: tests edit nested keys freely.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ParamsObject = Record<string, any>;

const REPO = resolve(import.meta.dirname, '../../../..');

export interface CtWorkspace {
  root: string;
  ctx: CtContext;
  logs: string[];
  /** Rewrites params.yaml (and ctx.params) after `change` edits the parsed object. */
  editParams(change: (params: ParamsObject) => void): void;
  /** Registers a fake bundle of params.yaml's model and promotes it to production; returns its version number. */
  promoteSampleBundle(seed: number): Promise<number>;
  appendFeedback(records: FeedbackRecord[]): Promise<void>;
  cleanup(): void;
}

/**
 * A throwaway CT workspace on the churn sample, or with `dataset: 'subscriptions'` on a dataset of
 * another shape (an integer id, ignored columns; see `writeSubscriptionDataset`), or with
 * `'tickets'` (multiclass) or `'listings'` (regression) on `writeTaskDataset`'s data, params.yaml
 * declaring that task and its model named after the dataset.
 */
export async function createCtWorkspace(
  options: { rows?: number; dataset?: 'churn' | 'subscriptions' | TaskDatasetName } = {},
): Promise<CtWorkspace> {
  const root = mkdtempSync(join(tmpdir(), 'modelship-ct-'));
  const params = parse(readFileSync(join(REPO, 'params.yaml'), 'utf8')) as ParamsObject;
  const rows = options.rows ?? 1000;
  mkdirSync(join(root, 'config'));
  mkdirSync(join(root, 'data'));
  // Never the workspace's own dataset: a workspace built on a user's CSV runs these tests on the
  // seeded sample and its schema, as this repository does.
  // The workspace's own task and ct.live may be another task's (a scaffolded multiclass
  // workspace): the test data's task and its default limits are set explicitly.
  params['task'] = 'binary';
  let model = 'churn';
  if (options.dataset === 'subscriptions') {
    params['data'] = { ...SUBSCRIPTION_DATA, dvc: 'data.dvc' };
    await writeSubscriptionDataset(root, rows);
  } else if (options.dataset === 'tickets' || options.dataset === 'listings') {
    const { task, data } = await writeTaskWorkspaceData(root, options.dataset, rows);
    params['task'] = task;
    params['data'] = { ...data, dvc: 'data.dvc' };
    model = TASK_WORKSPACES[options.dataset].model;
  } else {
    params['data'] = {
      path: 'data/churn.csv',
      dvc: 'data.dvc',
      schema: 'config/churn.schema.json',
      target: 'churned',
      sample: { generator: 'churn', rows, seed: 7 },
    };
    copyFileSync(join(REPO, params['data'].schema), join(root, params['data'].schema));
    await generateChurnCsv(join(root, params['data'].path), { rows, seed: 7 });
  }
  params['model'] = { ...params['model'], name: model };
  params['ct'] = { ...params['ct'], live: readTaskLiveDefaults(params['task']) };
  params['registry'] = { url: 'file:.modelship/registry' };
  await commitDvcOut(join(root, params['data'].dvc), 'data');
  const logs: string[] = [];
  const workspace: CtWorkspace = {
    root,
    logs,
    ctx: { root, params: params as CtWorkspaceParams, log: (l) => logs.push(l) },
    editParams(change) {
      change(params);
      writeFileSync(join(root, 'params.yaml'), stringify(params));
      workspace.ctx = { root, params: params as CtWorkspaceParams, log: (l) => logs.push(l) };
    },
    async promoteSampleBundle(seed) {
      const dir = join(root, 'tmp', `bundle-${seed}`);
      await writeSampleBundle(dir, { name: model, seed, weightsKb: 2 });
      const registry = await openRegistry('file:.modelship/registry', { root });
      const { version } = await registry.registerModel(dir);
      await registry.promote(model, version.version, 'production', { by: 'test' });
      return version.version;
    },
    async appendFeedback(records) {
      await openFeedbackStore(params['feedback'].store, root).append(records);
    },
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
  workspace.editParams(() => undefined);
  return workspace;
}

/**
 * Labelled feedback for `count` generated customers as serving records it: raw features without
 * the id and the target, the true label, and a prediction that is right when `correct(i)`.
 */
export function makeChurnFeedback(
  count: number,
  options: { seed?: number; version?: string; start?: Date; correct?: (i: number) => boolean } = {},
): FeedbackRecord[] {
  const start = options.start?.getTime() ?? Date.UTC(2025, 0, 1);
  return [...generateChurnRows({ rows: count, seed: options.seed ?? 99 })].map((row, i) => {
    const { customer_id: _id, churned, ...features } = row;
    const right = options.correct?.(i) ?? true;
    const predicted = (right ? churned : 1 - churned) as 0 | 1;
    return {
      predictionId: `pred-${options.seed ?? 99}-${i}`,
      model: 'churn',
      version: options.version ?? '1',
      variant: 'stable',
      predictedAt: new Date(start + i * 1000).toISOString(),
      labelledAt: new Date(start + i * 1000 + 500).toISOString(),
      probability: predicted === 1 ? 0.8 : 0.2,
      predicted,
      label: churned,
      features,
    };
  });
}

/** The md5 data.dvc records, once the data on disk matches it (the training app's `verifyData`, for tests). */
export async function verifyWorkspaceData(ctx: CtContext): Promise<{ md5: string }> {
  return { md5: (await verifyDvcOut(resolveFromRoot(ctx.root, ctx.params.data.dvc))).md5 };
}
