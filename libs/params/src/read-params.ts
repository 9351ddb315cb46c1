import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { findWorkspaceRoot } from './find-workspace-root.js';
import { ParamsError } from './params-error.js';
import type { Params, ParamsSection } from './params-types.js';
import { validateParams, validateParamsSection } from './validate-params.js';

/**
 * Reads and checks the workspace's params.yaml. Paths inside stay as written (relative to the
 * root); resolve them with `resolveFromRoot`.
 * @throws ParamsError when the file is missing, is not YAML or does not match params.schema.json
 */
export function readParams(root = findWorkspaceRoot()): Params {
  const file = join(root, 'params.yaml');
  return validateParams(parseParamsFile(file), 'params.yaml');
}

/**
 * Reads one checked section of params.yaml, or undefined when the file or the section is absent
 * (a container image ships without params.yaml).
 * @throws ParamsError when the file is not YAML or the section does not match its schema
 */
export function readParamsSection<S extends ParamsSection>(
  root: string,
  section: S,
): Params[S] | undefined {
  const file = join(root, 'params.yaml');
  if (!existsSync(file)) return undefined;
  return validateParamsSection(parseParamsFile(file), section);
}

// --- internal ---

function parseParamsFile(file: string): unknown {
  try {
    return parse(readFileSync(file, 'utf8')) ?? {};
  } catch (error) {
    throw new ParamsError(`Cannot read ${file}: ${(error as Error).message}`, '', undefined, {
      cause: error,
    });
  }
}
