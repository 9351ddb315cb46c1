import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { BundleFileEntry } from './bundle-types.js';
import { BUNDLE_FILES } from './bundle-types.js';

/** sha256 (hex) and size in bytes of one file, streamed so large weights never sit in memory. */
export async function hashFile(path: string): Promise<BundleFileEntry> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), size };
}

/** Every regular file under `dir` as a relative POSIX path, sorted. */
export async function listBundleFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

/**
 * sha256 and size of every file in a bundle folder except the root `metadata.json`,
 * keyed by relative POSIX path in sorted order, so the map serialises identically everywhere.
 */
export async function hashBundleFiles(dir: string): Promise<Record<string, BundleFileEntry>> {
  const paths = (await listBundleFiles(dir)).filter((path) => path !== BUNDLE_FILES.metadata);
  const files: Record<string, BundleFileEntry> = {};
  for (const path of paths) files[path] = await hashFile(join(dir, path));
  return files;
}

/** One sha256 over a files map: two bundles with the same artifacts have the same content hash. */
export function computeContentHash(files: Record<string, BundleFileEntry>): string {
  const canonical = Object.entries(files)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([path, entry]) => `${entry.sha256}  ${entry.size}  ${path}\n`)
    .join('');
  return createHash('sha256').update(canonical).digest('hex');
}
