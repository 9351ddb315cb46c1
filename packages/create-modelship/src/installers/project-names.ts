import type { ProjectOptions } from '../cli/project-options.js';
import { applyRenames } from '../utils/apply-renames.js';
import type { Installer } from './installer.js';

export function renameProject(root: string, options: ProjectOptions): void {
  const { name, scope, resourceGroup, webApp, containerRegistry, storageAccount } = options;
  applyRenames(root, { name, scope, resourceGroup, webApp, containerRegistry, storageAccount });
}

/** Package scope, import specifiers, image and Azure resource names, README title. */
export const projectNames: Installer = {
  name: 'project names',
  inUse: () => true,
  installer: renameProject,
};
