import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';

/** The embedded default registry: a git-ignored folder inside the workspace. */
export const DEFAULT_REGISTRY_URL = 'file:.modelship/registry';

/** The nearest folder upward holding params.yaml (or MODELSHIP_ROOT), else `from` itself. */
export function findWorkspaceRoot(from = process.cwd()): string {
  if (process.env['MODELSHIP_ROOT']) return resolve(process.env['MODELSHIP_ROOT']);
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'params.yaml'))) return dir;
    if (dirname(dir) === dir) return resolve(from);
  }
}

/**
 * The registry URL to use: $MODEL_REGISTRY (so CI and containers can point the same workspace at
 * a shared registry), else params.yaml `registry.url`, else the embedded default.
 */
export function resolveRegistryUrl(
  root: string,
  env: Record<string, string | undefined> = process.env,
): string {
  const file = join(root, 'params.yaml');
  if (!existsSync(file)) return selectRegistryUrl(undefined, env);
  const params = parse(readFileSync(file, 'utf8')) as { registry?: { url?: unknown } } | null;
  const url = params?.registry?.url;
  return selectRegistryUrl(typeof url === 'string' ? url : undefined, env);
}

/**
 * The registry URL to use when params.yaml is already read: $MODEL_REGISTRY, else the
 * configured `registry.url`, else the embedded default. Blank values count as unset.
 */
export function selectRegistryUrl(
  configured: string | undefined,
  env: Record<string, string | undefined> = process.env,
): string {
  return env['MODEL_REGISTRY']?.trim() || configured?.trim() || DEFAULT_REGISTRY_URL;
}
