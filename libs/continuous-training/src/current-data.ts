import { existsSync } from 'node:fs';
import { readDvcFile } from '@modelship/data-versioning';
import {
  ModelNotFoundError,
  VersionNotFoundError,
  type ModelRegistry,
  type ModelVersionView,
} from '@modelship/model-registry';
import { resolveFromRoot } from '@modelship/params';
import type { CtContext } from './ct-context.js';

/** The data version data.dvc records (its md5), or null before the data is first versioned. */
export async function readCurrentDataMd5(ctx: CtContext): Promise<string | null> {
  const dvcFile = resolveFromRoot(ctx.root, ctx.params.data.dvc);
  if (!existsSync(dvcFile)) return null;
  return (await readDvcFile(dvcFile)).outs[0]?.md5 ?? null;
}

/** The newest production version of a model, or null when it has none (or was never registered). */
export async function findProductionVersion(
  registry: Pick<ModelRegistry, 'getVersion'>,
  name: string,
): Promise<ModelVersionView | null> {
  try {
    return await registry.getVersion(name, { stage: 'production' });
  } catch (error) {
    if (error instanceof ModelNotFoundError || error instanceof VersionNotFoundError) return null;
    throw error;
  }
}
