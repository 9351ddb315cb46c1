import type { ProjectOptions } from '../cli/project-options.js';
import { installers } from '../installers/index.js';
import type { Installer } from '../installers/index.js';
import type { Project } from './create-project.js';

/** Applies every installer in use to the new workspace; returns the names of those applied. */
export async function applyOptions(
  project: Project,
  options: ProjectOptions,
  table: readonly Installer[] = installers,
): Promise<string[]> {
  const applied: string[] = [];
  for (const { name, inUse, installer } of table) {
    if (!inUse(options)) continue;
    await installer(project.root, options);
    applied.push(name);
  }
  return applied;
}
