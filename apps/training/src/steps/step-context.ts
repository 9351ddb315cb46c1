import type { PipelineParams } from '../config/params.js';
import { findWorkspaceRoot, loadParams } from '../config/params.js';

/** What every pipeline step receives: where the workspace is, its params, and where to log. */
export interface StepContext {
  /** Absolute path of the workspace root (the folder holding params.yaml). */
  root: string;
  params: PipelineParams;
  /** One line per call; steps never write to stdout directly, so `--json` stays clean. */
  log: (line: string) => void;
}

export function createStepContext(options: Partial<StepContext> = {}): StepContext {
  const root = options.root ?? findWorkspaceRoot();
  return {
    root,
    params: options.params ?? loadParams(root),
    log: options.log ?? ((line) => process.stderr.write(`${line}\n`)),
  };
}
