import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { readDvcFile } from '@modelship/data-versioning';
import { parseDocument } from 'yaml';
import {
  DEFAULT_FEEDBACK_STORE_URL,
  DEFAULT_PATHS,
  DEFAULT_REGISTRY_URL,
  readParams as loadParams,
  resolveFromRoot,
  type Params as DemoParams,
} from '@modelship/params';

/** The isolated workspace the demo runs in: the user's own data.dvc and registry stay untouched. */
export interface DemoWorkspace {
  root: string;
  params: DemoParams;
  /** `file:` URLs inside the demo workspace. */
  registryUrl: string;
  feedbackStore: string;
}

/** params.yaml keys the demo sets, so a run takes minutes (canary intervals in seconds). */
export const DEMO_PARAMS: readonly [path: string[], value: unknown][] = [
  [['registry', 'url'], DEFAULT_REGISTRY_URL],
  [['feedback', 'store'], DEFAULT_FEEDBACK_STORE_URL],
  [['ct', 'drift'], { max_psi: 0.2, min_window_rows: 500 }],
  [['ct', 'rollout', 'strategy'], 'canary'],
  // Demo tolerances for a shared laptop: p99 of 30 requests is noisy, the error rate is not.
  [
    ['ct', 'rollout', 'canary'],
    {
      steps: [0.2, 0.5, 1],
      intervalMs: 5000,
      minSamples: 30,
      maxP99Ratio: 3,
      p99ToleranceMs: 25,
      failureThreshold: 2,
    },
  ],
  [['ct', 'rollout', 'timeout_ms'], 240_000],
  [['ct', 'rollout', 'poll_ms'], 500],
];

/**
 * Copies what the pipeline reads (params.yaml, dvc.yaml, the data.dvc pointer, the DVC-tracked
 * data folder, the schema's folder) into `<root>/tmp/demo/<timestamp>/` and applies DEMO_PARAMS
 * to the copy's params.yaml, keeping its comments. Every command then runs with MODELSHIP_ROOT
 * set to it.
 */
export async function createDemoWorkspace(
  sourceRoot: string,
  dir?: string,
): Promise<DemoWorkspace> {
  const source = loadParams(sourceRoot);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const root = dir ?? join(sourceRoot, DEFAULT_PATHS.demoWorkspaces, stamp);
  mkdirSync(root, { recursive: true });
  const copy = (path: string) => {
    const from = resolveFromRoot(sourceRoot, path);
    if (existsSync(from)) cpSync(from, join(root, relative(sourceRoot, from)), { recursive: true });
  };
  copy('dvc.yaml');
  copy(source.data.dvc);
  copy(dirname(source.data.schema));
  copy(await trackedFolder(sourceRoot, source));
  const document = parseDocument(readFileSync(join(sourceRoot, 'params.yaml'), 'utf8'));
  for (const [path, value] of DEMO_PARAMS) document.setIn(path, value);
  writeFileSync(join(root, 'params.yaml'), document.toString());
  return {
    root,
    params: loadParams(root),
    registryUrl: 'file:.modelship/registry',
    feedbackStore: 'file:.modelship/feedback',
  };
}

/** Sets one params.yaml key of the demo workspace (comments kept) and reloads its params. */
export function setDemoParam(workspace: DemoWorkspace, path: string[], value: unknown): void {
  const file = join(workspace.root, 'params.yaml');
  const document = parseDocument(readFileSync(file, 'utf8'));
  document.setIn(path, value);
  writeFileSync(file, document.toString());
  workspace.params = loadParams(workspace.root);
}

// --- internal ---

// The folder data.dvc versions (its `outs[0].path`, beside the .dvc file), else the CSV's folder.
async function trackedFolder(root: string, params: DemoParams): Promise<string> {
  const dvcFile = resolveFromRoot(root, params.data.dvc);
  try {
    const [out] = (await readDvcFile(dvcFile)).outs;
    if (out) return relative(root, join(dirname(dvcFile), out.path));
  } catch {
    // No pointer yet: `modelship start` generates the sample and writes one.
  }
  return dirname(params.data.path);
}
