import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { ParamsError } from './params-error.js';

/**
 * The workspace root: $MODELSHIP_ROOT, else the nearest folder upward from `from` holding
 * params.yaml, so every command works the same from any subfolder.
 * @throws ParamsError when no folder up to the file-system root holds params.yaml
 */
export function findWorkspaceRoot(from = process.cwd()): string {
  if (process.env['MODELSHIP_ROOT']) return resolve(process.env['MODELSHIP_ROOT']);
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'params.yaml'))) return dir;
    if (dirname(dir) === dir) {
      throw new ParamsError(
        `No params.yaml found in ${from} or any folder above it; run modelship from inside the workspace or set MODELSHIP_ROOT.`,
      );
    }
  }
}

/** A path from params.yaml or a command-line option, resolved against the workspace root. */
export function resolveFromRoot(root: string, path: string): string {
  return isAbsolute(path) ? path : join(root, path);
}
