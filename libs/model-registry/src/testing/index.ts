export * from './start-azurite.js';
export * from './faulty-store.js';
export * from './registry-locations.js';
