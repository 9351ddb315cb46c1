import { runCli } from './cli/run-cli.js';
import { applyOptions } from './helpers/apply-options.js';
import { createProject } from './helpers/create-project.js';
import { initializeGit } from './helpers/initialize-git.js';
import { installDependencies } from './helpers/install-dependencies.js';
import type { InstallResult } from './helpers/install-dependencies.js';
import { logNextSteps } from './helpers/log-next-steps.js';
import type { RunContext } from './utils/run-context.js';

/**
 * The recipe of a run. Until the options are applied, a failure removes everything created;
 * after that the workspace is complete, and a failed install or git step only warns.
 */
export async function main(argv: readonly string[], context: RunContext): Promise<void> {
  const options = await runCli(argv, context);
  const project = createProject(options, context);
  await project.guard(() => applyOptions(project, options));
  context.log.success(`Created ${options.name} in ${project.root}`);

  const result: InstallResult = options.install
    ? await installDependencies(project, options, context)
    : { installed: false, schemaInferred: false };
  if (options.git) await initializeGit(project, context);

  logNextSteps(project, options, result, context);
}
