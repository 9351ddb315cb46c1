import { join } from 'node:path';
import type { BundleFileEntry, BundleMetadata } from './bundle-types.js';
import { BUNDLE_FILES, REQUIRED_BUNDLE_FILES } from './bundle-types.js';
import type { BundleProblem } from './bundle-errors.js';
import { BundleIntegrityError } from './bundle-errors.js';
import { hashFile, listBundleFiles } from './hash-bundle-files.js';
import { readBundleMetadata } from './load-bundle-json.js';

/**
 * Compares a folder with an expected files map: every expected file present with the same size
 * and sha256, every required file present, and nothing else (names in `ignore` aside).
 * Returns the problems found, in path order; an empty list means the folder is intact.
 */
export async function checkBundleFiles(
  dir: string,
  expected: Record<string, BundleFileEntry>,
  options: { required?: readonly string[]; ignore?: readonly string[] } = {},
): Promise<BundleProblem[]> {
  const present = new Set(await listBundleFiles(dir));
  const ignored = new Set(options.ignore ?? []);
  const problems: BundleProblem[] = [];
  for (const path of options.required ?? []) {
    if (!present.has(path) && !(path in expected)) problems.push({ kind: 'missing', path });
  }
  for (const [path, entry] of Object.entries(expected)) {
    if (!present.has(path)) {
      problems.push({ kind: 'missing', path });
      continue;
    }
    const actual = await hashFile(join(dir, path));
    if (actual.size !== entry.size) {
      problems.push({ kind: 'size', path, expected: entry.size, actual: actual.size });
    } else if (actual.sha256 !== entry.sha256) {
      problems.push({ kind: 'hash', path, expected: entry.sha256, actual: actual.sha256 });
    }
  }
  for (const path of present) {
    if (!(path in expected) && !ignored.has(path)) problems.push({ kind: 'extra', path });
  }
  return problems.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * Verifies a bundle folder against its own `metadata.json`: every required file present, every
 * listed file's size and sha256 matching, no unlisted file. Returns the metadata when intact;
 * throws `BundleIntegrityError` listing every problem otherwise.
 */
export async function verifyBundle(dir: string): Promise<BundleMetadata> {
  const metadata = await readBundleMetadata(dir);
  const problems = await checkBundleFiles(dir, metadata.files, {
    required: REQUIRED_BUNDLE_FILES.filter((file) => file !== BUNDLE_FILES.metadata),
    ignore: [BUNDLE_FILES.metadata],
  });
  if (problems.length > 0) throw new BundleIntegrityError(dir, problems);
  return metadata;
}
