export * from './ct-workspace.js';
