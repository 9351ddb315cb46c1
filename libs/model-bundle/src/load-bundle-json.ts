import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BundleMetadata } from './bundle-types.js';
import { BUNDLE_FILES, BUNDLE_FORMAT_VERSION } from './bundle-types.js';
import { BundleFormatError } from './bundle-errors.js';

export interface LoadBundleJsonOptions {
  /** Field holding the file's format version (for example "schemaVersion" or "formatVersion"). */
  versionField?: string;
  /** Newest format version this code understands; a newer or missing version is refused. */
  maxVersion?: number;
}

/**
 * Reads and parses one JSON file of a bundle, and checks its format version when asked, so
 * serving refuses a bundle written by a newer training instead of misreading it.
 */
export async function loadBundleJson<T>(
  dir: string,
  file: string,
  options: LoadBundleJsonOptions = {},
): Promise<T> {
  const path = join(dir, file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new BundleFormatError(path, 'cannot be read; is this a bundle folder?', { cause: error });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new BundleFormatError(path, `is not valid JSON (${(error as Error).message}).`, {
      cause: error,
    });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new BundleFormatError(path, 'must hold a JSON object.');
  }
  const { versionField, maxVersion } = options;
  if (versionField !== undefined && maxVersion !== undefined) {
    const version = (value as Record<string, unknown>)[versionField];
    if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
      throw new BundleFormatError(
        path,
        `\`${versionField}\` must be a positive integer, got ${JSON.stringify(version)}.`,
      );
    }
    if (version > maxVersion) {
      throw new BundleFormatError(
        path,
        `\`${versionField}\` is ${version} but this code reads up to ${maxVersion}; upgrade modelship to load this bundle.`,
      );
    }
  }
  return value as T;
}

/** Reads a bundle's `metadata.json` and checks its format version and `files` map. */
export async function readBundleMetadata(dir: string): Promise<BundleMetadata> {
  const metadata = await loadBundleJson<BundleMetadata>(dir, BUNDLE_FILES.metadata, {
    versionField: 'formatVersion',
    maxVersion: BUNDLE_FORMAT_VERSION,
  });
  const path = join(dir, BUNDLE_FILES.metadata);
  if (typeof metadata.name !== 'string' || metadata.name === '') {
    throw new BundleFormatError(path, '`name` must be a non-empty string.');
  }
  if (typeof metadata.files !== 'object' || metadata.files === null) {
    throw new BundleFormatError(
      path,
      '`files` is missing; write the bundle with finalizeBundle().',
    );
  }
  return metadata;
}
