import { createHash } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { IgnoreRule } from './dvcignore.js';
import { findDvcRoot, isIgnored, loadDvcIgnore } from './dvcignore.js';
import { hashFile } from './hash-file.js';
import { compareCodePoints, dumpPythonJsonList } from './python-json.js';

/** One file of a directory, as DVC lists it in a `.dir` object. */
export interface TreeEntry {
  /** POSIX path relative to the directory. */
  relpath: string;
  md5: string;
  size: number;
}

/** A directory's DVC 3 hash: `md5` ends in `.dir`; `size` sums the files. */
export interface DirectoryHash {
  md5: string;
  size: number;
  nfiles: number;
  entries: TreeEntry[];
}

export interface HashDirectoryOptions {
  /** Where `.dvcignore` is read from. @default the DVC root above the directory, if any */
  ignoreRoot?: string;
}

// DVC never descends into these, wherever they are.
const ALWAYS_IGNORED = new Set(['.git', '.hg', '.dvc']);

/**
 * Hashes a directory as DVC 3 does: the MD5 of `json.dumps(sorted entries, sort_keys=True)`
 * over `{"md5", "relpath"}` of every file not excluded by `.dvcignore`, plus `.dir`.
 */
export async function hashDirectory(
  dir: string,
  options: HashDirectoryOptions = {},
): Promise<DirectoryHash> {
  const ignoreRoot = options.ignoreRoot ?? findDvcRoot(dir);
  const rules = ignoreRoot ? await loadDvcIgnore(ignoreRoot) : [];
  const files = await listFiles(dir, { rules, ignoreRoot: ignoreRoot ?? dir });
  const entries: TreeEntry[] = [];
  for (const file of files) {
    const { md5, size } = await hashFile(file);
    entries.push({ relpath: relative(dir, file).split(sep).join('/'), md5, size });
  }
  entries.sort((a, b) => compareCodePoints(a.relpath, b.relpath));
  return {
    md5: digestTree(entries),
    size: entries.reduce((total, entry) => total + entry.size, 0),
    nfiles: entries.length,
    entries,
  };
}

/** The `.dir` hash of a listing (entries in any order). */
export function digestTree(entries: readonly Pick<TreeEntry, 'relpath' | 'md5'>[]): string {
  const sorted = [...entries].sort((a, b) => compareCodePoints(a.relpath, b.relpath));
  const json = dumpPythonJsonList(sorted.map(({ md5, relpath }) => ({ md5, relpath })));
  return `${createHash('md5').update(json, 'utf8').digest('hex')}.dir`;
}

// --- internal ---

async function listFiles(
  dir: string,
  context: { rules: IgnoreRule[]; ignoreRoot: string },
): Promise<string[]> {
  const files: string[] = [];
  const dirents: Dirent[] = await readdir(dir, { withFileTypes: true });
  for (const dirent of dirents) {
    const path = join(dir, dirent.name);
    const isDirectory =
      dirent.isDirectory() || (dirent.isSymbolicLink() && (await stat(path)).isDirectory());
    if (isDirectory && ALWAYS_IGNORED.has(dirent.name)) continue;
    const fromRoot = relative(context.ignoreRoot, path).split(sep).join('/');
    if (isIgnored(context.rules, fromRoot, isDirectory)) continue;
    if (isDirectory) files.push(...(await listFiles(path, context)));
    else files.push(path);
  }
  return files;
}
