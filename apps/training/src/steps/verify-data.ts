import { relative, sep } from 'node:path';
import { DataVersioningError, verifyDvcOut } from '@modelship/data-versioning';
import { resolveFromRoot } from '@modelship/params';
import type { StepContext } from './step-context.js';

/** The version of the data a run used: what the model's metadata records. */
export interface VerifiedData {
  /** The DVC md5 of the tracked data (`.dir`-suffixed for a folder). */
  md5: string;
  /** The CSV the pipeline reads (params.yaml `data.path`). */
  path: string;
  /** The `.dvc` file that versions it (params.yaml `data.dvc`). */
  dvcFile: string;
  /** The path the `.dvc` file tracks, relative to the workspace root. */
  trackedPath: string;
  size: number;
  nfiles?: number;
}

/**
 * Checks that the data on disk is the version `data.dvc` records and returns that version.
 * @throws DataVersionMismatchError (or DataMissingError) with both hashes and the fix
 */
export async function verifyData(ctx: StepContext): Promise<VerifiedData> {
  const { data } = ctx.params;
  const version = await verifyDvcOut(resolveFromRoot(ctx.root, data.dvc));
  const trackedPath = toPosix(relative(ctx.root, version.absolutePath));
  const csvFromTracked = relative(version.absolutePath, resolveFromRoot(ctx.root, data.path));
  if (csvFromTracked.startsWith('..') || (csvFromTracked === '' && version.nfiles !== undefined)) {
    throw new DataVersioningError(
      'E_DATA_NOT_TRACKED',
      `params.yaml \`data.path\` (${data.path}) is not inside ${trackedPath}, which ${data.dvc} tracks, ` +
        `so its version is unknown. Move the CSV into ${trackedPath}/ or point \`data.dvc\` at the .dvc file that tracks it.`,
    );
  }
  ctx.log(`${trackedPath} matches ${data.dvc} (md5 ${version.md5})`);
  return {
    md5: version.md5,
    path: data.path,
    dvcFile: data.dvc,
    trackedPath,
    size: version.size,
    ...(version.nfiles === undefined ? {} : { nfiles: version.nfiles }),
  };
}

function toPosix(path: string): string {
  return path.split(sep).join('/');
}
