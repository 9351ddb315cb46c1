import type { RunContext } from '../utils/run-context.js';
import { runCommand, tailOf } from '../utils/run-command.js';
import type { Project } from './create-project.js';

const COMMIT_MESSAGE = 'Initial commit from create-modelship';

/**
 * Makes the workspace a git repository on `main` (the base Nx compares against) with one commit.
 * Skips a folder already inside a repository; a missing git or identity is a warning, not a failure.
 */
export async function initializeGit(project: Project, context: RunContext): Promise<boolean> {
  const git = (...args: string[]) => runCommand('git', args, project.root, context.env);
  const inside = await git('rev-parse', '--is-inside-work-tree');
  if (inside.code === null) {
    context.log.warn('git is not installed: skipped `git init`.');
    return false;
  }
  if (inside.code === 0) {
    context.log.warn('The folder is already inside a git repository: skipped `git init`.');
    return false;
  }
  for (const args of [
    ['init', '--quiet', '--initial-branch=main'],
    ['add', '--all'],
  ]) {
    const step = await git(...args);
    if (step.code !== 0) {
      context.log.warn(`\`git ${args.join(' ')}\` failed:\n${tailOf(step.output, 5)}`);
      return false;
    }
  }
  const commit = await git('commit', '--quiet', '--no-verify', '--message', COMMIT_MESSAGE);
  if (commit.code !== 0) {
    context.log.warn(
      `Created the repository but could not commit (${tailOf(commit.output, 1)}); set git's user.name and user.email, then run \`git commit -m "${COMMIT_MESSAGE}"\`.`,
    );
    return false;
  }
  context.log.success('Initialised a git repository with the first commit.');
  return true;
}
