import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BUNDLE_FILES } from '@modelship/model-bundle';
import { parse } from 'yaml';

export interface DataVersion {
  path: string;
  md5: string | null;
  dvcFile: string | null;
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
      };
    }
  }
  const pointerFile = dvcFile === null ? null : resolve(data.root, dvcFile);
  if (!pointerFile || !existsSync(pointerFile)) return { path: dataPath, md5: null, dvcFile: null };
  const pointer = parse(readFileSync(pointerFile, 'utf8')) as { outs?: { md5?: unknown }[] } | null;
  const md5 = pointer?.outs?.[0]?.md5;
  return { path: dataPath, md5: typeof md5 === 'string' ? md5 : null, dvcFile };
}
