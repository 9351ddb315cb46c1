/**
 * Every `modelship` command's last word on an error. Typed errors carry a string `code`: they are
 * expected failures (bad input, bad config, data that does not match its version), so the person
 * gets one line naming the problem and its fix, no stack trace, and an exit code scripts can rely
 * on: 2 when the command could not run, 1 when it ran and a check failed. Anything else is a bug
 * and is rethrown with its stack.
 */
export function exitOnExpectedError(command: string, error: unknown, exitCode: 1 | 2 = 2): never {
  if (isExpectedError(error)) {
    process.stderr.write(`modelship ${command}: ${error.message}\n`);
    process.exit(exitCode);
  }
  throw error;
}

export function isExpectedError(error: unknown): error is Error & { code: string } {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string';
}
