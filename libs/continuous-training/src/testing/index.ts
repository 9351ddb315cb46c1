export * from './ct-workspace.js';
export * from './subscription-dataset.js';
