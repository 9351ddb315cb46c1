/** Base class of every data-versioning failure: a `code`, and a message that says how to fix it. */
import { ModelshipError } from '@modelship/core';
export class DataVersioningError extends ModelshipError {
  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, { ...options, code });
  }
}

/** What differs inside a tracked directory, when the recorded listing is known. */
export interface DirectoryChanges {
  added: string[];
  removed: string[];
  modified: string[];
}

/** The data on disk is not the version a `.dvc` file records. */
export class DataVersionMismatchError extends DataVersioningError {
  constructor(
    readonly dvcFile: string,
    readonly path: string,
    readonly expected: string,
    readonly actual: string,
    readonly changes?: DirectoryChanges,
  ) {
    super(
      'E_DATA_VERSION_MISMATCH',
      `${path} does not match ${dvcFile}: expected md5 ${expected}, found ${actual}${describeChanges(changes)}. ` +
        `Run \`dvc pull\` (or \`modelship data prepare\`) to restore the recorded version, ` +
        `or \`modelship data commit\` (or \`dvc add ${path}\`) to record the data on disk as a new version.`,
    );
  }
}

/** A `.dvc` file names data that is not on disk. */
export class DataMissingError extends DataVersioningError {
  constructor(
    readonly dvcFile: string,
    readonly path: string,
    readonly expected: string,
  ) {
    super(
      'E_DATA_MISSING',
      `${path} is missing: ${dvcFile} expects md5 ${expected}. ` +
        'Run `modelship data prepare` (or `dvc pull`) to fetch it.',
    );
  }
}

/** A `.dvc` file cannot be read or is not in DVC's format. */
export class DvcFileError extends DataVersioningError {
  constructor(
    readonly dvcFile: string,
    problem: string,
    options?: ErrorOptions,
  ) {
    super('E_DVC_FILE', `${dvcFile}: ${problem}`, options);
  }
}

/** The `dvc` executable is not on PATH. */
export class DvcNotInstalledError extends DataVersioningError {
  constructor(readonly command: string) {
    super(
      'E_DVC_NOT_INSTALLED',
      `DVC is not installed (no \`dvc\` on PATH), so \`${command}\` cannot run. ` +
        'Install it with `pipx install "dvc[azure]"` (or `pip install "dvc[azure]"`), ' +
        `then run \`${command}\`.`,
    );
  }
}

/** `dvc` ran and failed. */
export class DvcCommandError extends DataVersioningError {
  constructor(
    readonly command: string,
    readonly exitCode: number | undefined,
    detail: string,
  ) {
    super(
      'E_DVC_COMMAND',
      `\`${command}\` failed${exitCode === undefined ? '' : ` with exit code ${exitCode}`}` +
        `${detail ? `: ${detail}` : ''}.`,
    );
  }
}

const MAX_LISTED = 3;

function describeChanges(changes: DirectoryChanges | undefined): string {
  if (!changes) return '';
  const parts = (['modified', 'added', 'removed'] as const)
    .filter((kind) => changes[kind].length > 0)
    .map((kind) => {
      const files = changes[kind];
      const more = files.length > MAX_LISTED ? ` and ${files.length - MAX_LISTED} more` : '';
      return `${kind}: ${files.slice(0, MAX_LISTED).join(', ')}${more}`;
    });
  return parts.length > 0 ? ` (${parts.join('; ')})` : '';
}
