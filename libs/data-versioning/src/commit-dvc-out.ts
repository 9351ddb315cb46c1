import { existsSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import type { DvcFile, DvcOut } from './dvc-file.js';
import { readDvcFile, writeDvcFile } from './dvc-file.js';
import { findDvcRoot } from './dvcignore.js';
import { DataMissingError } from './errors.js';
import type { DataVersion } from './verify-dvc-out.js';
import { getSingleOut, hashOut } from './verify-dvc-out.js';
import { saveTreeListing } from './tree-listing.js';

/**
 * Records the data on disk as the new version in a `.dvc` file, natively (no DVC needed): the
 * equivalent of `dvc commit` for the pointer file, without filling DVC's cache (`dvc push`
 * still needs `dvc add` or `dvc commit` first). Creates the file when it does not exist;
 * `outPath` (relative to the `.dvc` file) is then required.
 */
export async function commitDvcOut(dvcFilePath: string, outPath?: string): Promise<DataVersion> {
  const file: DvcFile = existsSync(dvcFilePath)
    ? await readDvcFile(dvcFilePath)
    : { outs: [{ path: outPath ?? inferOutPath(dvcFilePath) }] };
  const out = getSingleOut(file, dvcFilePath);
  const absolutePath = resolve(dirname(dvcFilePath), out.path);
  if (!existsSync(absolutePath))
    throw new DataMissingError(dvcFilePath, out.path, out.md5 ?? '(none)');
  const { version, tree } = await hashOut(out.path, absolutePath);
  const updated: DvcOut = { ...out, md5: version.md5, size: version.size, hash: 'md5' };
  if (version.nfiles === undefined) delete updated.nfiles;
  else updated.nfiles = version.nfiles;
  await writeDvcFile(dvcFilePath, { ...file, outs: [updated] });
  if (tree)
    await saveTreeListing(
      findDvcRoot(dirname(dvcFilePath)) ?? dirname(dvcFilePath),
      tree.md5,
      tree.entries,
    );
  return version;
}

// `data.dvc` tracks `data`, as `dvc add data` would name it.
function inferOutPath(dvcFilePath: string): string {
  return basename(dvcFilePath).replace(/\.dvc$/, '');
}
