import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Task } from '@modelship/core';
import { writeTaskDataset } from '@modelship/data-validation/testing';

export interface TaskWorkspace {
  root: string;
  /** The dataset's (and the model's) name: loans, tickets or listings. */
  name: string;
  target: string;
}

/**
 * A new workspace for `npx modelship` in a temporary folder: the task's generated dataset (1,200
 * rows) under data/, and a params.yaml with the given `model:` keys (besides its name) and gate.
 */
export async function createTaskWorkspace(
  task: Task,
  options: { model: string; gate: string },
): Promise<TaskWorkspace> {
  const root = await mkdtemp(join(tmpdir(), `modelship-${task}-`));
  const data = await writeTaskDataset(join(root, 'data'), task, { rows: 1_200, seed: 7 });
  const name = data.schema.name;
  await writeFile(
    join(root, 'params.yaml'),
    [
      `task: ${task}`,
      `data: { path: data/${name}.csv, dvc: data.dvc, schema: data/${name}.schema.json, target: ${data.target} }`,
      'split: { test: 0.2, validation: 0.15, seed: 3, stratify: true }',
      'validation: { report_dir: reports/validation, max_examples: 3 }',
      'drift: { bins: 10, psi_warn: 0.1, psi_alert: 0.25, ks_alert: 0.1, chi2_p_value: 0.01 }',
      `model: { name: ${name}, ${options.model} }`,
      'evaluate: { threshold: 0.5 }',
      `gate: ${options.gate}`,
      'registry: { url: "file:.modelship/registry" }',
    ].join('\n'),
  );
  return { root, name, target: data.target };
}
