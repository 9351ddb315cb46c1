import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { DemoError } from './demo-error.js';

/**
 * What the demo reads of params.yaml. The training CLI it runs checks the whole file; the demo
 * only needs to find the data, its schema and the model's name, and fails naming the key if not.
 */
export interface DemoParams {
  data: {
    path: string;
    dvc: string;
    schema: string;
    target: string;
    sample?: { generator: string; rows: number; seed: number };
  };
  model: { name: string };
  registry?: { url?: string };
}

/** Reads `<root>/params.yaml` as the demo needs it. */
export function loadDemoParams(root: string): DemoParams {
  const file = join(root, 'params.yaml');
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new DemoError('E_DEMO_PARAMS', `cannot read ${file}: ${(error as Error).message}`, file, {
      cause: error,
    });
  }
  for (const path of ['data.path', 'data.dvc', 'data.schema', 'data.target', 'model.name']) {
    const value = path
      .split('.')
      .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], raw);
    if (typeof value !== 'string' || value.trim() === '') {
      throw new DemoError(
        'E_DEMO_PARAMS',
        `${file}: \`${path}\` must be a non-empty string, got ${JSON.stringify(value)}`,
        path,
      );
    }
  }
  return raw as DemoParams;
}
