import { relative } from 'node:path';
import type { ProjectOptions } from '../cli/project-options.js';
import { getUserDataset } from '../installers/user-dataset.js';
import { findCiVariables } from '../utils/find-ci-variables.js';
import type { RunContext } from '../utils/run-context.js';
import type { Project } from './create-project.js';
import type { InstallResult } from './install-dependencies.js';
import { getSchemaCommand } from './install-dependencies.js';

/** The exact commands to type next, and where the CI definitions read their settings from. */
export function formatNextSteps(
  project: Project,
  options: ProjectOptions,
  result: InstallResult,
  cwd: string,
): string {
  const folder = relative(cwd, project.root) || '.';
  const lines = folder === '.' ? [] : [`cd ${folder.includes(' ') ? `"${folder}"` : folder}`];
  const dataset = getUserDataset(options);
  const start = [
    ...(result.installed ? [] : ['npm install']),
    ...(dataset !== undefined && !result.schemaInferred
      ? [`npx modelship ${getSchemaCommand(dataset, project.root).join(' ')}`]
      : []),
    'npm start',
  ];
  lines.push(start.join(' && '), 'npm test');
  const { github, azure } = findCiVariables(project.root);
  const ci: string[] = [];
  const list = (names: string[]) => (names.length > 0 ? `: ${names.join(', ')}` : '');
  if (github !== undefined) {
    ci.push(`GitHub Actions: set in Settings > Secrets and variables > Actions${list(github)}`);
  }
  if (azure !== undefined) {
    ci.push(`Azure Pipelines: set in Pipelines > Library (a variable group)${list(azure)}`);
  }
  if (ci.length > 0) {
    ci.push(
      `Azure names: resource group ${options.resourceGroup}, web app ${options.webApp}, registry ${options.containerRegistry}, storage ${options.storageAccount}.`,
    );
  }
  return [...lines, ...(ci.length > 0 ? ['', ...ci] : [])].join('\n');
}

export function logNextSteps(
  project: Project,
  options: ProjectOptions,
  result: InstallResult,
  context: RunContext,
): void {
  context.log.note(formatNextSteps(project, options, result, context.cwd), 'Next steps');
}
