export {
  DEFAULT_FEEDBACK_STORE_URL,
  DEFAULT_PATHS,
  DEFAULT_REGISTRY_URL,
} from './default-paths.js';
export { findWorkspaceRoot, resolveFromRoot } from './find-workspace-root.js';
export { ParamsError } from './params-error.js';
export {
  PARAMS_SCHEMA_FILE,
  paramsSchema,
  readEvaluateThreshold,
  readSchemaDefaults,
} from './params-schema.js';
export type * from './params-types.js';
export { readParams, readParamsSection } from './read-params.js';
export { validateParams, validateParamsSection } from './validate-params.js';
export { readTask } from './read-task.js';
export {
  readTaskGateDefaults,
  readTaskLiveDefaults,
  TASK_DEFAULTS_FILE,
  type LiveLimits,
} from './task-gate-defaults.js';
