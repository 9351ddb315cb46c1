import { BundleFormatError, BundleIntegrityError } from '@modelship/model-bundle';
import { RegistryError } from '../registry-errors.js';

/**
 * Exit codes of `modelship-registry`:
 * 0 ok; 1 operation refused (verification failed, duplicate, invalid transition) or internal error;
 * 2 bad usage or input; 3 model, version, stage or alias not found; 4 store unreachable.
 */
export const EXIT = { ok: 0, refused: 1, usage: 2, notFound: 3, unreachable: 4 } as const;

/** The exit code and the one line to print for an error; `expected` false means print the stack too. */
export function describeFailure(error: unknown): {
  exitCode: number;
  line: string;
  expected: boolean;
} {
  if (error instanceof RegistryError)
    return { exitCode: error.exitCode, line: error.message, expected: true };
  if (error instanceof BundleIntegrityError)
    return { exitCode: EXIT.refused, line: error.message, expected: true };
  if (error instanceof BundleFormatError)
    return { exitCode: EXIT.usage, line: error.message, expected: true };
  if (error instanceof Error && error.name === 'CLIError') {
    return {
      exitCode: EXIT.usage,
      line: `${stripColors(error.message)} (see \`modelship-registry --help\`)`,
      expected: true,
    };
  }
  return {
    exitCode: EXIT.refused,
    line: error instanceof Error ? error.message : String(error),
    expected: false,
  };
}

// citty colours names in its messages; a log file or CI console should get plain text.
function stripColors(text: string): string {
  return text.replace(new RegExp(`${String.fromCharCode(27)}\\[\\d+m`, 'g'), '');
}
