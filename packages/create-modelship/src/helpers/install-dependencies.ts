import { join } from 'node:path';
import type { ProjectOptions } from '../cli/project-options.js';
import { getDatasetPaths, getUserDataset } from '../installers/user-dataset.js';
import type { UserDataset } from '../installers/user-dataset.js';
import { readYamlValue } from '../utils/params-file.js';
import type { RunContext } from '../utils/run-context.js';
import { runCommand, tailOf } from '../utils/run-command.js';
import type { Project } from './create-project.js';

/** What the install step achieved; a failure leaves a complete workspace and says how to retry. */
export interface InstallResult {
  installed: boolean;
  schemaInferred: boolean;
}

/** The training app's bin, relative to the workspace root. */
export const MODELSHIP_LAUNCHER = 'apps/training/bin/modelship.js';

/**
 * The `modelship` arguments that infer the user's dataset schema with the workspace's own CLI,
 * for the task params.yaml declares (so the schema's target kind and params.yaml agree).
 */
export function getSchemaCommand({ csv, target }: UserDataset, root: string): string[] {
  const paths = getDatasetPaths(csv);
  const task = readYamlValue(join(root, 'params.yaml'), ['task']);
  return [
    'schema',
    'infer',
    paths.csv,
    '--target',
    target,
    ...(typeof task === 'string' ? ['--task', task] : []),
    '--out',
    paths.schema,
  ];
}

/**
 * Runs `npm install` with a spinner, then (for the user's own CSV) infers its schema with the
 * workspace's own `schema infer` command, so the schema comes from the code that will check it.
 */
export async function installDependencies(
  project: Project,
  options: ProjectOptions,
  context: RunContext,
): Promise<InstallResult> {
  const progress = context.log.progress();
  const started = Date.now();
  progress.start('Installing dependencies (npm install)');
  const install = await runCommand(
    'npm',
    ['install', '--no-audit', '--no-fund'],
    project.root,
    context.env,
  );
  if (install.code !== 0) {
    progress.fail('npm install failed');
    context.log.error(
      `${tailOf(install.output)}\nThe workspace is complete: fix the cause, then run \`npm install\` in it.`,
    );
    return { installed: false, schemaInferred: false };
  }
  progress.stop(`Installed dependencies in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const dataset = getUserDataset(options);
  if (dataset === undefined) return { installed: true, schemaInferred: false };
  // The workspace's own `modelship` launcher, straight from node: no npx, whose behaviour depends
  // on how the scaffolder itself was started.
  const schema = await runCommand(
    process.execPath,
    [MODELSHIP_LAUNCHER, ...getSchemaCommand(dataset, project.root)],
    project.root,
    context.env,
  );
  if (schema.code !== 0) {
    context.log.warn(`Could not infer the schema of your CSV:\n${tailOf(schema.output, 8)}`);
    return { installed: true, schemaInferred: false };
  }
  context.log.success(`Inferred the schema of your CSV: ${getDatasetPaths(dataset.csv).schema}`);
  return { installed: true, schemaInferred: true };
}
