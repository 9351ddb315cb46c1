import type { Task } from '@modelship/core';

/**
 * What continuous training reads of params.yaml: the data it grows, the model it retrains and
 * the registry it rolls out from. The whole parsed file is passed, since `ct:` and `feedback:`
 * are read from it by `parseCtParams`; the training app's step context fits as it is.
 */
export interface CtWorkspaceParams {
  /** binary when absent (workspaces made before tasks existed). */
  task?: Task;
  data: { path: string; dvc: string; schema: string };
  model: { name: string };
  registry?: { url?: string };
}

/** Where the workspace is, its params, and where to log (never stdout, so `--json` stays clean). */
export interface CtContext {
  /** Absolute path of the workspace root (the folder holding params.yaml). */
  root: string;
  params: CtWorkspaceParams;
  log: (line: string) => void;
}

/** The data version the pipeline would train on, checked against data.dvc (the training app's `verifyData`). */
export type VerifyData = (ctx: CtContext) => Promise<{ md5: string }>;
