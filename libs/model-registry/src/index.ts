export * from './registry-errors.js';
export * from './model-version.js';
export * from './model-registry.js';
export * from './build-info.js';
export * from './workspace-root.js';
export type { RegisterOptions, RegisterResult } from './register-model.js';
export type { FetchOptions } from './fetch-model.js';
export type { GarbageReport } from './collect-garbage.js';
export { parseStage } from './transitions.js';
export type {
  RegistryStore,
  StoredObject,
  ObjectInfo,
  WriteConditions,
} from './store/registry-store.js';
export { StoreConflictError, StoreNotFoundError } from './store/registry-store.js';
export { openStore } from './store/open-store.js';
export type { OpenStoreOptions } from './store/open-store-options.js';
