import { join } from 'node:path';
import type { ModelSource } from '../config/serving-config.js';
import { ModelLoadError } from './model-load-error.js';
import type { RegistryHandle } from './registry-handle.js';

/** A bundle folder on local disk, ready to verify and load, and where it came from. */
export interface ResolvedBundle {
  dir: string;
  stage: string;
  /** For logs: `file:... churn v3 (production)` or the folder. */
  origin: string;
}

/**
 * Gets the configured model onto local disk: a bundle folder is used as is; a registry version
 * (by stage or number) is fetched, verified by the registry, into `cacheDir/<name>/<version>`.
 */
export async function resolveBundleDir(
  source: ModelSource,
  cacheDir: string,
  handle: RegistryHandle,
): Promise<ResolvedBundle> {
  if (source.kind === 'directory') return { dir: source.dir, stage: 'none', origin: source.dir };
  const registry = await handle.open();
  const name = source.name ?? (await pickOnlyModel(source.url, await registry.listModels()));
  const version = await registry.getVersion(name, source.selector);
  const dir = join(cacheDir, name, String(version.version));
  await registry.fetchModel(name, { version: version.version }, dir, { force: true });
  return {
    dir,
    stage: version.stage,
    origin: `${source.url} ${name} v${version.version} (${version.stage})`,
  };
}

async function pickOnlyModel(url: string, models: { name: string }[]): Promise<string> {
  if (models.length === 1) return models[0].name;
  throw new ModelLoadError(
    'E_MODEL_NAME',
    `MODEL_NAME is not set and ${url} holds ${models.length === 0 ? 'no models' : `${models.length} models (${models.map((m) => m.name).join(', ')})`}; set MODEL_NAME, or register a model first (npm start).`,
  );
}
