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
  const fromEnv = env['MODEL_REGISTRY']?.trim();
  if (fromEnv) return fromEnv;
  const url = readParamsSection(root, 'registry')?.url;
  return url !== undefined && url.trim() !== '' ? url.trim() : DEFAULT_REGISTRY_URL;
}
