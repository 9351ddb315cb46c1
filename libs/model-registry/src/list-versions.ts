import { ModelNotFoundError, VersionNotFoundError } from './registry-errors.js';
import type { ModelVersion, ModelVersionView, VersionSelector } from './model-version.js';
import { readModelState, stageOf } from './model-state.js';
import type { RegistryStore } from './store/registry-store.js';
import { storeKeys } from './store-keys.js';

export async function listModelNames(store: RegistryStore): Promise<string[]> {
  return store.listChildren(storeKeys.models);
}

/** Committed version numbers of a model, ascending (uploads without a manifest never appear). */
export async function listVersionNumbers(store: RegistryStore, name: string): Promise<number[]> {
  const children = await store.listChildren(storeKeys.versions(name));
  return children
    .map((child) => /^(\d+)\.json$/.exec(child)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

export async function readVersion(
  store: RegistryStore,
  name: string,
  version: number,
): Promise<ModelVersion | null> {
  const stored = await store.read(storeKeys.version(name, version));
  return stored ? (JSON.parse(stored.data.toString('utf8')) as ModelVersion) : null;
}

/** Every version of a model with its stage and aliases; throws ModelNotFoundError for an unknown model. */
export async function listVersions(
  store: RegistryStore,
  name: string,
): Promise<ModelVersionView[]> {
  const numbers = await listVersionNumbers(store, name);
  if (numbers.length === 0) throw new ModelNotFoundError(name, await listModelNames(store));
  const [state, versions] = await Promise.all([
    readModelState(store, name),
    Promise.all(numbers.map((n) => readVersion(store, name, n))),
  ]);
  return versions
    .filter((v): v is ModelVersion => v !== null)
    .map((v) => ({
      ...v,
      stage: stageOf(state, v.version),
      aliases: Object.keys(state.aliases).filter((alias) => state.aliases[alias] === v.version),
    }));
}

/** The version a selector names: a number, the newest version in a stage, an alias, or the latest. */
export async function resolveVersion(
  store: RegistryStore,
  name: string,
  selector: VersionSelector,
): Promise<ModelVersionView> {
  const versions = await listVersions(store, name);
  const hint = `run \`modelship-registry list ${name}\` to see its versions.`;
  if ('version' in selector && selector.version !== undefined) {
    const found = versions.find((v) => v.version === selector.version);
    if (!found) throw new VersionNotFoundError(name, `version ${selector.version}`, hint);
    return found;
  }
  if ('stage' in selector && selector.stage !== undefined) {
    const found = versions.filter((v) => v.stage === selector.stage).at(-1);
    if (!found) {
      throw new VersionNotFoundError(
        name,
        `version in stage ${selector.stage}`,
        `promote one with \`modelship-registry promote ${name} <version> ${selector.stage}\`.`,
      );
    }
    return found;
  }
  if ('alias' in selector && selector.alias !== undefined) {
    const found = versions.find((v) => v.aliases.includes(selector.alias));
    if (!found) {
      throw new VersionNotFoundError(
        name,
        `alias ${JSON.stringify(selector.alias)}`,
        `set it with \`modelship-registry alias ${name} ${selector.alias} <version>\`.`,
      );
    }
    return found;
  }
  return versions[versions.length - 1] as ModelVersionView;
}
