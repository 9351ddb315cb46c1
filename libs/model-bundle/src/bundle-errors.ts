/** One thing wrong with a bundle folder, as found by `verifyBundle` or `checkBundleFiles`. */
import { ModelshipError } from '@modelship/core';
export type BundleProblem =
  | { kind: 'missing'; path: string }
  | { kind: 'extra'; path: string }
  | { kind: 'size'; path: string; expected: number; actual: number }
  | { kind: 'hash'; path: string; expected: string; actual: string };

/** Base class of every error the bundle library throws; `code` is stable for scripts. */
export class BundleError extends ModelshipError {
  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, { ...options, code });
  }
}

/** The bytes on disk do not match the bundle's manifest: the bundle must not be loaded. */
export class BundleIntegrityError extends BundleError {
  constructor(
    readonly dir: string,
    readonly problems: BundleProblem[],
  ) {
    super(
      'E_BUNDLE_INTEGRITY',
      `Bundle ${dir} failed verification (${problems.length} problem${problems.length === 1 ? '' : 's'}): ${problems.map(describeProblem).join('; ')}. Rebuild the bundle or fetch it again from the registry.`,
    );
  }
}

/** A bundle file is missing, is not valid JSON, or has a format version this code cannot read. */
export class BundleFormatError extends BundleError {
  constructor(
    readonly file: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super('E_BUNDLE_FORMAT', `${file}: ${message}`, options);
  }
}

function describeProblem(problem: BundleProblem): string {
  switch (problem.kind) {
    case 'missing':
      return `${problem.path} is missing`;
    case 'extra':
      return `${problem.path} is not listed in metadata.json`;
    case 'size':
      return `${problem.path} has ${problem.actual} bytes, expected ${problem.expected}`;
    case 'hash':
      return `${problem.path} has sha256 ${problem.actual.slice(0, 12)}…, expected ${problem.expected.slice(0, 12)}…`;
  }
}
