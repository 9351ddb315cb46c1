import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** params.yaml `model.name` in the workspace root, or null when there is none (an image). */
export function readParamsModelName(root: string): string | null {
  const file = join(root, 'params.yaml');
  if (!existsSync(file)) return null;
  const params = parse(readFileSync(file, 'utf8')) as { model?: { name?: unknown } } | null;
  const name = params?.model?.name;
  return typeof name === 'string' && name.trim() !== '' ? name.trim() : null;
}
