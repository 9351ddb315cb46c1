export { ModelshipError, isModelshipError } from './errors/modelship-error.js';
export type { ModelshipErrorOptions } from './errors/modelship-error.js';
export { createSeededRandom } from './random/create-seeded-random.js';
export { shuffleInPlace } from './random/shuffle-in-place.js';
export { computeRocAuc } from './metrics/compute-roc-auc.js';
export type { Task } from './task/task.js';
export { DEFAULT_TASK, isTask, TASKS } from './task/task.js';
export { findFreePort } from './net/find-free-port.js';
