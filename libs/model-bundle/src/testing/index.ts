export * from './write-sample-bundle.js';
export * from './build-model-fixture.js';
