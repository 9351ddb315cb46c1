import { join } from 'node:path';
import type { ProjectOptions } from '../cli/project-options.js';
import { editParams } from '../utils/params-file.js';
import type { Installer } from './installer.js';

/** The blob container the registry writes model versions to. */
export const REGISTRY_CONTAINER = 'models';

export function useAzureBlobRegistry(root: string, options: ProjectOptions): void {
  const url = `azblob://${options.storageAccount}/${REGISTRY_CONTAINER}`;
  editParams(join(root, 'params.yaml'), [[['registry', 'url'], url]]);
}

/** Points the model registry at Azure Blob Storage instead of the workspace folder. */
export const registryStore: Installer = {
  name: 'registry store',
  inUse: (options) => options.registry === 'azblob',
  installer: useAzureBlobRegistry,
};
