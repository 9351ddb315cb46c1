/** What every modelship error carries besides its message. */
export interface ModelshipErrorOptions extends ErrorOptions {
  /** A stable, machine-readable code (`E_PARAMS`, `missing-column`, ...). */
  code?: string;
  /** What to do about it: a command to run or a setting to change. */
  fix?: string;
}

/**
 * The base of every error the kit throws on purpose: a message a person can act on, a stable
 * code, an optional fix and the underlying cause. Anything that is not a ModelshipError is a bug,
 * so CLIs print a stack trace only for those.
 */
export class ModelshipError extends Error {
  readonly code: string;
  readonly fix: string | undefined;

  constructor(message: string, options: ModelshipErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code ?? new.target.name;
    this.fix = options.fix;
  }
}

/** True for errors the kit threw on purpose (as opposed to bugs). */
export function isModelshipError(error: unknown): error is ModelshipError {
  return error instanceof ModelshipError;
}
