export * from './feature-errors.js';
export * from './feature-spec.js';
export * from './fit-feature-spec.js';
export * from './parse-value.js';
export * from './transform-row.js';
export * from './model-feeds.js';
