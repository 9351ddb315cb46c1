import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Task } from '@modelship/core';
import type { RawRow } from '@modelship/features';
import { readFloat64 } from '../evaluate/evaluation-inputs.js';
import { AcceptanceError } from './acceptance-error.js';

/**
 * The labelled holdout the offline evaluation scored: raw rows in split order and their labels,
 * binary 0/1, multiclass class indices into `classes`, regression values in the target's units.
 */
export interface Holdout {
  task: Task;
  /** The class vocabulary the labels index (multiclass); null otherwise. */
  classes: string[] | null;
  rows: RawRow[];
  labels: ArrayLike<number>;
}

/**
 * Reads the test split `modelship train` left in `<bundle>/../evaluation-inputs` (manifest.json,
 * test-rows.jsonl, and test-labels.u8 for binary or test-labels.f64 for the other tasks): the
 * same rows, in the same order, that `modelship evaluate` scored into metrics.json. Only the test
 * files are read, so CI may ship just those.
 */
export function readHoldout(dir: string): Holdout {
  const manifestFile = join(dir, 'manifest.json');
  if (!existsSync(manifestFile)) {
    throw new AcceptanceError(
      'E_ACCEPT_HOLDOUT',
      `${manifestFile} not found: pass --holdout <the evaluation-inputs folder \`modelship train\` wrote beside the bundle>.`,
    );
  }
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as {
    test?: { rows?: number };
    task?: 'multiclass' | 'regression';
    classes?: string[] | null;
  };
  const expected = manifest.test?.rows ?? 0;
  const rows = readFileSync(join(dir, 'test-rows.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as RawRow);
  const labels = manifest.task
    ? readFloat64(join(dir, 'test-labels.f64'), expected)
    : new Uint8Array(readFileSync(join(dir, 'test-labels.u8')));
  if (rows.length !== expected || labels.length !== expected || rows.length === 0) {
    throw new AcceptanceError(
      'E_ACCEPT_HOLDOUT',
      `${dir}: ${rows.length} rows and ${labels.length} labels, the manifest says ${expected}; re-run \`modelship train\`.`,
    );
  }
  return { task: manifest.task ?? 'binary', classes: manifest.classes ?? null, rows, labels };
}
