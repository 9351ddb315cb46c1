import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BundleMetadata } from './bundle-types.js';
import { BUNDLE_FILES } from './bundle-types.js';
import { hashBundleFiles } from './hash-bundle-files.js';

/**
 * Hashes every file of a finished bundle folder and writes `metadata.json` with the `files` map.
 * The write goes to a temporary file first and is renamed into place, so a reader never sees a
 * half-written metadata.json. Call it last, once every other file is written.
 */
export async function finalizeBundle(
  dir: string,
  metadata: Omit<BundleMetadata, 'files'>,
): Promise<BundleMetadata> {
  const complete: BundleMetadata = { ...metadata, files: await hashBundleFiles(dir) };
  await writeJsonAtomic(join(dir, BUNDLE_FILES.metadata), complete);
  return complete;
}

/** Writes JSON to `path` through a temporary sibling and a rename (atomic on one filesystem). */
export async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temp, `${JSON.stringify(value, null, 2)}\n`, { flag: 'wx' });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
