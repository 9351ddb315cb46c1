import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DirectoryChanges } from './errors.js';
import type { TreeEntry } from './hash-directory.js';
import { digestTree } from './hash-directory.js';
import { dumpPythonJsonList } from './python-json.js';
import { writeFileAtomic } from './write-file-atomic.js';

type Listing = Pick<TreeEntry, 'relpath' | 'md5'>[];

/**
 * The recorded file list of a directory version, so a mismatch can name the files that
 * changed. Looked up in DVC's own cache (`.dvc/cache/files/md5/ab/cdef...dir`, written by
 * `dvc add` and `dvc pull`), then where `modelship data commit` keeps it (`.dvc/tmp`, never
 * committed). Returns undefined when neither has it or it does not hash to `md5`.
 */
export async function readTreeListing(dvcRoot: string, md5: string): Promise<Listing | undefined> {
  for (const path of [dvcCachePath(dvcRoot, md5), stashPath(dvcRoot, md5)]) {
    if (!existsSync(path)) continue;
    try {
      const listing = JSON.parse(await readFile(path, 'utf8')) as Listing;
      if (Array.isArray(listing) && digestTree(listing) === md5) return listing;
    } catch {
      // A corrupt listing only costs the file-level detail of a message.
    }
  }
  return undefined;
}

/** Keeps a directory version's file list for later diagnosis (see `readTreeListing`). */
export async function saveTreeListing(
  dvcRoot: string,
  md5: string,
  entries: Listing,
): Promise<void> {
  const listing = entries.map(({ md5: fileMd5, relpath }) => ({ md5: fileMd5, relpath }));
  await writeFileAtomic(stashPath(dvcRoot, md5), dumpPythonJsonList(listing));
}

/** Files added, removed and modified between two listings. */
export function diffTreeListings(recorded: Listing, current: Listing): DirectoryChanges {
  const before = new Map(recorded.map((entry) => [entry.relpath, entry.md5]));
  const after = new Map(current.map((entry) => [entry.relpath, entry.md5]));
  return {
    added: [...after.keys()].filter((path) => !before.has(path)),
    removed: [...before.keys()].filter((path) => !after.has(path)),
    modified: [...after]
      .filter(([path, md5]) => before.has(path) && before.get(path) !== md5)
      .map(([path]) => path),
  };
}

function dvcCachePath(dvcRoot: string, md5: string): string {
  return join(dvcRoot, '.dvc', 'cache', 'files', 'md5', md5.slice(0, 2), md5.slice(2));
}

function stashPath(dvcRoot: string, md5: string): string {
  return join(dvcRoot, '.dvc', 'tmp', 'modelship', 'trees', md5);
}
