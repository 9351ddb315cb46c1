import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ProjectOptions } from '../cli/project-options.js';
import type { RunContext } from '../utils/run-context.js';
import { ScaffoldError } from '../utils/scaffold-error.js';
import { toWorkspacePath } from '../utils/template-files.js';

/** The workspace being created, and how to take it back if a later step fails. */
export interface Project {
  root: string;
  /** Removes everything this run created, leaving a folder that existed empty as it was. */
  rollback(): void;
  /** Runs a step; if it throws, rolls back first and rethrows. */
  guard<T>(step: () => Promise<T> | T): Promise<T>;
}

function copyTemplate(templateDir: string, root: string, folder = ''): void {
  for (const entry of readdirSync(join(templateDir, folder), { withFileTypes: true })) {
    const stored = folder === '' ? entry.name : `${folder}/${entry.name}`;
    if (entry.isDirectory()) {
      mkdirSync(join(root, stored), { recursive: true });
      copyTemplate(templateDir, root, stored);
    } else {
      const target = join(root, toWorkspacePath(stored));
      copyFileSync(join(templateDir, stored), target);
    }
  }
}

function assertEmptyOrMissing(root: string): void {
  if (existsSync(root) && readdirSync(root).length > 0) {
    throw new ScaffoldError(
      'E_TARGET_NOT_EMPTY',
      `${root} is not empty: create-modelship never overwrites files; choose a new or empty folder.`,
    );
  }
}

/** Copies the workspace into a new (or empty) folder; never writes into a non-empty one. */
export function createProject(options: ProjectOptions, context: RunContext): Project {
  const { templateDir } = context;
  if (!existsSync(join(templateDir, 'package.json'))) {
    throw new ScaffoldError(
      'E_TEMPLATE_MISSING',
      `The workspace template is missing at ${templateDir}; reinstall create-modelship (in its repository, run \`npm pack\` to build it).`,
    );
  }
  const root = options.directory;
  assertEmptyOrMissing(root);
  const existed = existsSync(root);
  const firstCreated = existed ? undefined : mkdirSync(root, { recursive: true });
  const rollback = () => {
    if (firstCreated !== undefined) {
      rmSync(firstCreated, { recursive: true, force: true });
      return;
    }
    for (const entry of readdirSync(root))
      rmSync(join(root, entry), { recursive: true, force: true });
  };
  const project: Project = {
    root,
    rollback,
    guard: async (step) => {
      try {
        return await step();
      } catch (error) {
        rollback();
        throw error;
      }
    },
  };
  try {
    copyTemplate(templateDir, root);
  } catch (error) {
    rollback();
    throw error;
  }
  return project;
}
