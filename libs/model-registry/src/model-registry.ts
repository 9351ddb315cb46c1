import type { GarbageReport } from './collect-garbage.js';
import { collectGarbage } from './collect-garbage.js';
import type { FetchOptions } from './fetch-model.js';
import { fetchModel } from './fetch-model.js';
import { listModelNames, listVersions, resolveVersion } from './list-versions.js';
import { readHistory } from './model-history.js';
import { productionVersion, readModelState } from './model-state.js';
import type {
  ModelVersionView,
  Stage,
  TransitionEvent,
  TransitionOptions,
  VersionSelector,
} from './model-version.js';
import type { RegisterOptions, RegisterResult } from './register-model.js';
import { registerModel } from './register-model.js';
import type { OpenStoreOptions } from './store/open-store-options.js';
import { openStore } from './store/open-store.js';
import type { RegistryStore } from './store/registry-store.js';
import { archive, promote, rollback, setAlias } from './transitions.js';
import { findWorkspaceRoot } from './workspace-root.js';

export interface ModelSummary {
  name: string;
  latest: number;
  production: number | null;
  versions: number;
}

/** A model registry over one store: the API the CLI, training and serving use. */
export class ModelRegistry {
  constructor(readonly store: RegistryStore) {}

  get url(): string {
    return this.store.url;
  }

  registerModel(bundleDir: string, options?: RegisterOptions): Promise<RegisterResult> {
    return registerModel(this.store, bundleDir, options);
  }

  promote(
    name: string,
    version: number,
    stage: Stage,
    options?: TransitionOptions,
  ): Promise<TransitionEvent[]> {
    return promote(this.store, name, version, stage, options);
  }

  rollback(name: string, options?: TransitionOptions): Promise<TransitionEvent[]> {
    return rollback(this.store, name, options);
  }

  archive(name: string, version: number, options?: TransitionOptions): Promise<TransitionEvent[]> {
    return archive(this.store, name, version, options);
  }

  setAlias(
    name: string,
    alias: string,
    version: number | null,
    options?: TransitionOptions,
  ): Promise<TransitionEvent[]> {
    return setAlias(this.store, name, alias, version, options);
  }

  fetchModel(
    name: string,
    selector: VersionSelector,
    destDir: string,
    options?: FetchOptions,
  ): Promise<ModelVersionView> {
    return fetchModel(this.store, name, selector, destDir, options);
  }

  getVersion(name: string, selector: VersionSelector): Promise<ModelVersionView> {
    return resolveVersion(this.store, name, selector);
  }

  listVersions(name: string): Promise<ModelVersionView[]> {
    return listVersions(this.store, name);
  }

  history(name: string): Promise<TransitionEvent[]> {
    return readHistory(this.store, name);
  }

  collectGarbage(options?: { olderThanMs?: number; dryRun?: boolean }): Promise<GarbageReport> {
    return collectGarbage(this.store, options);
  }

  async listModels(): Promise<ModelSummary[]> {
    const summaries: ModelSummary[] = [];
    for (const name of await listModelNames(this.store)) {
      const [versions, state] = await Promise.all([
        this.store.listChildren(`models/${name}/versions/`),
        readModelState(this.store, name),
      ]);
      const numbers = versions.map((v) => Number.parseInt(v, 10)).filter(Number.isInteger);
      if (numbers.length === 0) continue;
      summaries.push({
        name,
        latest: Math.max(...numbers),
        production: productionVersion(state),
        versions: numbers.length,
      });
    }
    return summaries;
  }
}

/**
 * Opens the registry a URL names (`file:<path>` or `azblob://<account>/<container>[/prefix]`) and
 * checks it can be reached. Relative `file:` paths resolve against the workspace root.
 */
export async function openRegistry(
  url: string,
  options: Partial<OpenStoreOptions> = {},
): Promise<ModelRegistry> {
  const store = await openStore(url, { ...options, root: options.root ?? findWorkspaceRoot() });
  await store.probe();
  return new ModelRegistry(store);
}
