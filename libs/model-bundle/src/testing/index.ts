export * from './write-sample-bundle.js';
