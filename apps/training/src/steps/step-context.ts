import type { Params } from '@modelship/params';
import { findWorkspaceRoot, readParams } from '@modelship/params';

/** What every pipeline step receives: where the workspace is, its params, and where to log. */
export interface StepContext {
  /** Absolute path of the workspace root (the folder holding params.yaml). */
  root: string;
  params: Params;
  /** One line per call; steps never write to stdout directly, so `--json` stays clean. */
  log: (line: string) => void;
}

export function createStepContext(options: Partial<StepContext> = {}): StepContext {
  const root = options.root ?? findWorkspaceRoot();
  return {
    root,
    params: options.params ?? readParams(root),
    log: options.log ?? ((line) => process.stderr.write(`${line}\n`)),
  };
}
