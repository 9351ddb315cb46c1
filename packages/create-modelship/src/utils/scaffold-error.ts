/** Why a run stopped; each code maps to one kind of fix. */
export type ScaffoldErrorCode =
  | 'E_INVALID_OPTION'
  | 'E_MISSING_OPTION'
  | 'E_UNKNOWN_FLAG'
  | 'E_TARGET_NOT_EMPTY'
  | 'E_DATASET'
  | 'E_TEMPLATE_MISSING'
  | 'E_CANCELLED';

/**
 * An expected failure: the CLI prints its one-line message (which names the offending value and
 * the fix) and exits 1, without a stack trace.
 */
export class ScaffoldError extends Error {
  constructor(
    readonly code: ScaffoldErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'ScaffoldError';
  }
}

/** The error for a flag or answer that breaks a rule: names the flag, the value and the rule. */
export function createInvalidOptionError(
  flag: string,
  value: unknown,
  rule: string,
): ScaffoldError {
  return new ScaffoldError(
    'E_INVALID_OPTION',
    `Invalid --${flag} ${JSON.stringify(value)}: ${rule}.`,
  );
}
