import { ciProvider } from './ci-provider.js';
import { modelType } from './model-type.js';
import type { Installer } from './installer.js';
import { projectNames } from './project-names.js';
import { registryStore } from './registry-store.js';
import { userDataset } from './user-dataset.js';

export type { Installer } from './installer.js';

/** Every optional feature, applied in this order when in use. Adding one is a file and a row. */
export const installers: readonly Installer[] = [
  projectNames,
  ciProvider,
  registryStore,
  userDataset,
  modelType,
];
