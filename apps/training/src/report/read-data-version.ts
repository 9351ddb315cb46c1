import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BUNDLE_FILES } from '@modelship/model-bundle';
import { DataVersioningError, parseDvcFile } from '@modelship/data-versioning';

export interface DataVersion {
  path: string;
  md5: string | null;
  dvcFile: string | null;
  /** The SQL lineage `modelship data extract` kept in the pointer's `meta.source`. */
  source?: Record<string, unknown>;
}

/**
 * The data version the model was trained on: the md5 training recorded in the bundle's
 * metadata.json when there is one, else the md5 in the DVC pointer file (`outs[0].md5`).
 */
export function readDataVersion(
  bundleDir: string,
  data: { root: string; path: string; dvc?: string | undefined },
): DataVersion {
  const dataPath = data.path;
  const dvcFile = data.dvc ?? null;
  const metadataFile = join(bundleDir, BUNDLE_FILES.metadata);
  if (existsSync(metadataFile)) {
    const metadata = JSON.parse(readFileSync(metadataFile, 'utf8')) as {
      data?: Partial<DataVersion>;
    };
    if (typeof metadata.data?.md5 === 'string') {
      return {
        path: metadata.data.path ?? dataPath,
        md5: metadata.data.md5,
        dvcFile: metadata.data.dvcFile ?? dvcFile,
        ...(metadata.data.source ? { source: metadata.data.source } : {}),
      };
    }
  }
  const pointerFile = dvcFile ? resolve(data.root, dvcFile) : null;
  if (!pointerFile || !existsSync(pointerFile)) return { path: dataPath, md5: null, dvcFile: null };
  return { path: dataPath, dvcFile, ...readPointer(pointerFile) };
}

// A card is still worth writing when the pointer is malformed: its data version is then unknown.
function readPointer(pointerFile: string): Pick<DataVersion, 'md5' | 'source'> {
  try {
    const pointer = parseDvcFile(readFileSync(pointerFile, 'utf8'), pointerFile);
    const source = (pointer['meta'] as { source?: unknown } | undefined)?.source;
    return {
      md5: pointer.outs[0]?.md5 ?? null,
      ...(source && typeof source === 'object'
        ? { source: source as Record<string, unknown> }
        : {}),
    };
  } catch (error) {
    if (error instanceof DataVersioningError) return { md5: null };
    throw error;
  }
}
