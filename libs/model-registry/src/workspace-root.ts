import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DEFAULT_REGISTRY_URL, readParamsSection } from '@modelship/params';

/** The embedded default registry: a git-ignored folder inside the workspace. */
export { DEFAULT_REGISTRY_URL };

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
  const fromEnv = env['MODEL_REGISTRY']?.trim();
  if (fromEnv) return fromEnv;
  const url = readParamsSection(root, 'registry')?.url;
  return url !== undefined && url.trim() !== '' ? url.trim() : DEFAULT_REGISTRY_URL;
}
