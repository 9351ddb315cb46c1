import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RawRow } from '@modelship/features';
import { AcceptanceError } from './acceptance-error.js';

/** The labelled holdout the offline evaluation scored: raw rows in split order and 0/1 labels. */
export interface Holdout {
  rows: RawRow[];
  labels: Uint8Array;
}

/**
 * Reads the test split `modelship train` left in `<bundle>/../evaluation-inputs` (manifest.json,
 * test-rows.jsonl, test-labels.u8): the same rows, in the same order, that `modelship evaluate`
 * scored into metrics.json. Only the test files are read, so CI may ship just those.
 */
export function readHoldout(dir: string): Holdout {
  const manifestFile = join(dir, 'manifest.json');
  if (!existsSync(manifestFile)) {
    throw new AcceptanceError(
      'E_ACCEPT_HOLDOUT',
      `${manifestFile} not found: pass --holdout <the evaluation-inputs folder \`modelship train\` wrote beside the bundle>.`,
    );
  }
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { test?: { rows?: number } };
  const expected = manifest.test?.rows;
  const rows = readFileSync(join(dir, 'test-rows.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as RawRow);
  const labels = new Uint8Array(readFileSync(join(dir, 'test-labels.u8')));
  if (rows.length !== expected || labels.length !== expected || rows.length === 0) {
    throw new AcceptanceError(
      'E_ACCEPT_HOLDOUT',
      `${dir}: ${rows.length} rows and ${labels.length} labels, the manifest says ${expected}; re-run \`modelship train\`.`,
    );
  }
  return { rows, labels };
}
