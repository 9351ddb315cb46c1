export * from './bundle-types.js';
export * from './bundle-errors.js';
export * from './hash-bundle-files.js';
export * from './finalize-bundle.js';
export * from './load-bundle-json.js';
export * from './verify-bundle.js';
