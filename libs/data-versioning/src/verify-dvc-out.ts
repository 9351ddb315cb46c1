import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { readDvcFile } from './dvc-file.js';
import type { DvcFile, DvcOut } from './dvc-file.js';
import { findDvcRoot } from './dvcignore.js';
import type { DirectoryChanges } from './errors.js';
import { DataMissingError, DataVersionMismatchError, DvcFileError } from './errors.js';
import type { DirectoryHash } from './hash-directory.js';
import { hashDirectory } from './hash-directory.js';
import { hashFile } from './hash-file.js';
import { diffTreeListings, readTreeListing } from './tree-listing.js';

/** A data version: what a `.dvc` file records and the data on disk matches. */
export interface DataVersion {
  /** The DVC md5 (`.dir`-suffixed for a directory): the version to record with a model. */
  md5: string;
  /** The tracked path as the `.dvc` file writes it (relative to the `.dvc` file's folder). */
  path: string;
  /** The tracked path, absolute. */
  absolutePath: string;
  size: number;
  /** Files in a tracked directory; absent for a single file. */
  nfiles?: number;
}

/** How the data on disk compares with a `.dvc` file. */
export type DvcOutCheck =
  | { status: 'match'; version: DataVersion }
  | { status: 'missing'; expected: string; out: DvcOut; absolutePath: string }
  | { status: 'changed'; expected: string; actual: DataVersion; changes?: DirectoryChanges };

/** Hashes the data a single-out `.dvc` file tracks and compares it, without throwing on a mismatch. */
export async function checkDvcOut(dvcFilePath: string): Promise<DvcOutCheck> {
  const file = await readDvcFile(dvcFilePath);
  const out = getSingleOut(file, dvcFilePath);
  const absolutePath = resolve(dirname(dvcFilePath), out.path);
  if (!out.md5)
    throw new DvcFileError(
      dvcFilePath,
      `outs[0] (${out.path}) has no md5; run \`modelship data commit\`.`,
    );
  if (!existsSync(absolutePath)) return { status: 'missing', expected: out.md5, out, absolutePath };
  const { version, tree } = await hashOut(out.path, absolutePath);
  if (version.md5 === out.md5) return { status: 'match', version };
  const recorded = tree
    ? await readTreeListing(findDvcRoot(dirname(dvcFilePath)) ?? dirname(dvcFilePath), out.md5)
    : undefined;
  const changes =
    recorded && tree
      ? prefixChanges(out.path, diffTreeListings(recorded, tree.entries))
      : undefined;
  return { status: 'changed', expected: out.md5, actual: version, ...(changes ? { changes } : {}) };
}

/**
 * Checks that the data on disk is the version a `.dvc` file records, and returns that version.
 * @throws DataVersionMismatchError naming the file, both hashes and, when known, the changed files
 * @throws DataMissingError when the tracked path does not exist
 */
export async function verifyDvcOut(dvcFilePath: string): Promise<DataVersion> {
  const check = await checkDvcOut(dvcFilePath);
  const shownDvcFile = displayPath(dvcFilePath);
  switch (check.status) {
    case 'match':
      return check.version;
    case 'missing':
      throw new DataMissingError(shownDvcFile, check.out.path, check.expected);
    case 'changed':
      throw new DataVersionMismatchError(
        shownDvcFile,
        check.actual.path,
        check.expected,
        check.actual.md5,
        check.changes,
      );
  }
}

/** Hashes a tracked path (file or directory) into a data version. */
export async function hashOut(
  path: string,
  absolutePath: string,
): Promise<{ version: DataVersion; tree?: DirectoryHash }> {
  if ((await stat(absolutePath)).isDirectory()) {
    const tree = await hashDirectory(absolutePath);
    return {
      version: { md5: tree.md5, path, absolutePath, size: tree.size, nfiles: tree.nfiles },
      tree,
    };
  }
  const { md5, size } = await hashFile(absolutePath);
  return { version: { md5, path, absolutePath, size } };
}

export function getSingleOut(file: DvcFile, dvcFilePath: string): DvcOut {
  if (file.outs.length !== 1) {
    throw new DvcFileError(
      dvcFilePath,
      `expected exactly one entry in \`outs\`, found ${file.outs.length}.`,
    );
  }
  return file.outs[0];
}

// Changed files are named from the .dvc file's folder (`data/churn.csv`), not inside the out.
function prefixChanges(outPath: string, changes: DirectoryChanges): DirectoryChanges {
  const prefix = (paths: string[]) => paths.map((path) => `${outPath.replace(/\/$/, '')}/${path}`);
  return {
    added: prefix(changes.added),
    removed: prefix(changes.removed),
    modified: prefix(changes.modified),
  };
}

// Messages name files relative to the working directory when inside it, as DVC does.
function displayPath(path: string): string {
  const fromCwd = relative(process.cwd(), path);
  return fromCwd === '' || fromCwd.startsWith('..') || isAbsolute(fromCwd) ? path : fromCwd;
}
