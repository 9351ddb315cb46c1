import type { ProjectOptions } from '../cli/project-options.js';

/** One optional feature of a generated workspace: when it applies, and what it changes. */
export interface Installer {
  name: string;
  inUse(options: ProjectOptions): boolean;
  installer(root: string, options: ProjectOptions): Promise<void> | void;
}
