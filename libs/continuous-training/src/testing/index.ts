export * from './ct-workspace.js';
export * from './subscription-dataset.js';
export * from './task-feedback.js';
