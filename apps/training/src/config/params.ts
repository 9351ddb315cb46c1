import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { parse } from 'yaml';

/** params.yaml, as the pipeline reads it. Sections are added by the steps that own them. */
export interface PipelineParams {
  data: {
    path: string;
    dvc: string;
    schema: string;
    target: string;
    sample?: { generator: string; rows: number; seed: number };
  };
  split: { test: number; validation: number; seed: number; stratify: boolean };
  validation: { report_dir: string; max_examples: number };
  drift: {
    bins: number;
    psi_warn: number;
    psi_alert: number;
    ks_alert: number;
    chi2_p_value: number;
  };
  model: Record<string, unknown> & { name: string; seed: number };
  evaluate: { threshold: number };
  gate: Record<string, unknown> & { metric: string; margin: number };
  registry: { url: string };
}

export class ParamsError extends Error {
  readonly code = 'E_PARAMS';
}

/** The workspace root: the nearest folder upward holding params.yaml (or MODELSHIP_ROOT). */
export function findWorkspaceRoot(from = process.cwd()): string {
  if (process.env['MODELSHIP_ROOT']) return resolve(process.env['MODELSHIP_ROOT']);
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, 'params.yaml'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) {
      throw new ParamsError(
        `No params.yaml found in ${from} or any folder above it; run modelship from inside the workspace or set MODELSHIP_ROOT.`,
      );
    }
    dir = parent;
  }
}

/** Reads and checks params.yaml. Paths inside stay relative; resolve them with `resolveFromRoot`. */
export function loadParams(root = findWorkspaceRoot()): PipelineParams {
  const file = join(root, 'params.yaml');
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ParamsError(`Cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
  const params = (raw ?? {}) as Partial<PipelineParams>;
  for (const section of ['data', 'split', 'model', 'gate'] as const) {
    if (typeof params[section] !== 'object' || params[section] === null) {
      throw new ParamsError(`${file}: the \`${section}\` section is missing.`);
    }
  }
  const data = params.data as PipelineParams['data'];
  for (const key of ['path', 'schema', 'target'] as const) {
    if (typeof data[key] !== 'string' || data[key] === '') {
      throw new ParamsError(`${file}: \`data.${key}\` must be a non-empty string.`);
    }
  }
  return params as PipelineParams;
}

export function resolveFromRoot(root: string, path: string): string {
  return isAbsolute(path) ? path : join(root, path);
}
