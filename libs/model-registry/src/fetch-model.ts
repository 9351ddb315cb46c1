import { mkdir, mkdtemp, readdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import {
  BUNDLE_FILES,
  BundleIntegrityError,
  checkBundleFiles,
  verifyBundle,
  writeJsonAtomic,
} from '@modelship/model-bundle';
import { ArtifactIntegrityError, DestinationExistsError } from './registry-errors.js';
import type { ModelVersionView, VersionSelector } from './model-version.js';
import { resolveVersion } from './list-versions.js';
import { mapLimit } from './map-limit.js';
import type { RegistryStore } from './store/registry-store.js';
import { StoreNotFoundError } from './store/registry-store.js';
import { storeKeys } from './store-keys.js';

export interface FetchOptions {
  /** Replace a non-empty destination (swapped in only after verification). */
  force?: boolean;
}

/**
 * Downloads a version into a temporary folder beside `destDir`, checks every file's size and
 * sha256 against the version's manifest, then renames it into place. A tampered, truncated or
 * missing artifact is refused with ArtifactIntegrityError and nothing is left behind.
 * The fetched metadata.json carries the registry version number.
 */
export async function fetchModel(
  store: RegistryStore,
  name: string,
  selector: VersionSelector,
  destDir: string,
  options: FetchOptions = {},
): Promise<ModelVersionView> {
  const version = await resolveVersion(store, name, selector);
  const dest = resolve(destDir);
  const destExists = await isNonEmptyDir(dest);
  if (destExists && !options.force) throw new DestinationExistsError(dest);
  await mkdir(dirname(dest), { recursive: true });
  const temp = await mkdtemp(join(dirname(dest), `.${basename(dest)}.fetch-`));
  try {
    await downloadVerified(store, version, temp);
    const metadataPath = join(temp, BUNDLE_FILES.metadata);
    const metadata = JSON.parse(await readFile(metadataPath, 'utf8')) as Record<string, unknown>;
    await writeJsonAtomic(metadataPath, { ...metadata, version: version.version });
    if (destExists) {
      const old = `${temp}.old`;
      await rename(dest, old);
      await rename(temp, dest);
      await rm(old, { recursive: true, force: true });
    } else {
      await rm(dest, { recursive: true, force: true });
      await rename(temp, dest);
    }
    return version;
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

async function downloadVerified(
  store: RegistryStore,
  version: ModelVersionView,
  temp: string,
): Promise<void> {
  const prefix = storeKeys.upload(version.name, version.uploadId);
  await mapLimit(Object.keys(version.files), 4, async (path) => {
    const local = join(temp, ...path.split('/'));
    await mkdir(dirname(local), { recursive: true });
    try {
      await store.downloadFile(`${prefix}${path}`, local);
    } catch (error) {
      // A missing object is reported below with every other problem.
      if (!(error instanceof StoreNotFoundError)) throw error;
    }
  });
  const problems = await checkBundleFiles(temp, version.files);
  if (problems.length > 0)
    throw new ArtifactIntegrityError(version.name, version.version, problems);
  try {
    await verifyBundle(temp);
  } catch (error) {
    if (error instanceof BundleIntegrityError)
      throw new ArtifactIntegrityError(version.name, version.version, error.problems);
    throw error;
  }
}

async function isNonEmptyDir(path: string): Promise<boolean> {
  try {
    return (await readdir(path)).length > 0;
  } catch {
    return false;
  }
}
