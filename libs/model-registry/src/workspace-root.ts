import { resolve } from 'node:path';
import {
  DEFAULT_REGISTRY_URL,
  findWorkspaceRoot as findParamsRoot,
  ParamsError,
  readParamsSection,
} from '@modelship/params';

/** The embedded default registry: a git-ignored folder inside the workspace. */
export { DEFAULT_REGISTRY_URL };

/** The nearest folder upward holding params.yaml (or MODELSHIP_ROOT), else `from` itself. */
export function findWorkspaceRoot(from = process.cwd()): string {
  try {
    return findParamsRoot(from);
  } catch (error) {
    // The registry also works outside a workspace: its CLI then uses the current folder.
    if (error instanceof ParamsError) return resolve(from);
    throw error;
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
  const url = readParamsSection(root, 'registry')?.url;
  return selectRegistryUrl(url, env);
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
