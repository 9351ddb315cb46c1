export * from './bundle-types.js';
