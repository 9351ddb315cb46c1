import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ScaffoldError } from './scaffold-error.js';

/**
 * The workspace's own table of per-task defaults (`readTaskGateDefaults` and
 * `readTaskLiveDefaults` of @modelship/params read the same file): the scaffolder is published
 * alone and imports no workspace package, so it reads the copy in the new workspace.
 */
export const TASK_DEFAULTS_PATH = 'libs/params/src/task-defaults.json';

/** What a new params.yaml starts from for one task. */
export interface TaskDefaults {
  gate: Record<string, unknown>;
  /** `ct.live`: the live-quality limits of continuous training. */
  ctLive: Record<string, unknown>;
}

/**
 * The gate and `ct.live` defaults of `task`, from the workspace at `root`.
 * @throws ScaffoldError `E_TEMPLATE_MISSING` when the template lacks the table or the task
 */
export function readTaskDefaults(root: string, task: string): TaskDefaults {
  let table: Record<string, { gate?: Record<string, unknown>; ct_live?: Record<string, unknown> }>;
  try {
    table = JSON.parse(readFileSync(join(root, TASK_DEFAULTS_PATH), 'utf8')) as typeof table;
  } catch (error) {
    throw new ScaffoldError(
      'E_TEMPLATE_MISSING',
      `The template has no readable ${TASK_DEFAULTS_PATH} (${(error as Error).message}); reinstall create-modelship.`,
      { cause: error },
    );
  }
  const { gate, ct_live: ctLive } = table[task] ?? {};
  if (gate === undefined || ctLive === undefined)
    throw new ScaffoldError(
      'E_TEMPLATE_MISSING',
      `The template's ${TASK_DEFAULTS_PATH} has no gate and ct_live for task ${task}; reinstall create-modelship.`,
    );
  return { gate: { ...gate }, ctLive: { ...ctLive } };
}
