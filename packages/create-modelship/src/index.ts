import { formatHelp } from './cli/format-help.js';
import { main } from './main.js';
import { createRunContext } from './utils/run-context.js';
import type { RunContext } from './utils/run-context.js';
import { ScaffoldError } from './utils/scaffold-error.js';

export type { RunContext } from './utils/run-context.js';
export { ScaffoldError } from './utils/scaffold-error.js';

/**
 * Runs create-modelship with command-line arguments and returns the exit code: 0 on success,
 * 1 with one line on stderr for an expected failure (and a stack only for a bug).
 */
export async function run(
  argv: readonly string[],
  context: RunContext = createRunContext(),
): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${formatHelp()}\n`);
    return 0;
  }
  try {
    await main(argv, context);
    return 0;
  } catch (error) {
    if (error instanceof ScaffoldError) {
      if (error.code !== 'E_CANCELLED') context.log.error(error.message);
      return 1;
    }
    context.log.error(
      `create-modelship failed unexpectedly; please report it.\n${(error as Error).stack ?? String(error)}`,
    );
    return 1;
  }
}
