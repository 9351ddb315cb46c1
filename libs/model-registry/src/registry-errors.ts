import { ModelshipError } from '@modelship/core';
import type { BundleProblem } from '@modelship/model-bundle';

/**
 * Base class of every error the registry throws. `code` is stable for scripts; `exitCode` is what
 * the CLI exits with: 1 operation refused, 2 bad usage or input, 3 not found, 4 store unreachable.
 */
export class RegistryError extends ModelshipError {
  constructor(
    code: string,
    readonly exitCode: 1 | 2 | 3 | 4,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, { ...options, code });
  }
}

export class InvalidRegistryUrlError extends RegistryError {
  constructor(
    readonly url: string,
    reason: string,
  ) {
    super(
      'E_REGISTRY_URL',
      2,
      `Cannot use registry URL ${JSON.stringify(url)}: ${reason}. Use file:<path> (relative to the workspace root) or azblob://<account>/<container>[/prefix].`,
    );
  }
}

export class RegistryUnreachableError extends RegistryError {
  constructor(
    readonly url: string,
    reason: string,
    fix: string,
    options?: ErrorOptions,
  ) {
    super(
      'E_REGISTRY_UNREACHABLE',
      4,
      `Registry ${url} cannot be reached: ${reason}. ${fix}`,
      options,
    );
  }
}

export class ModelNotFoundError extends RegistryError {
  constructor(
    readonly model: string,
    known: string[],
  ) {
    super(
      'E_MODEL_NOT_FOUND',
      3,
      `Model ${JSON.stringify(model)} is not registered${known.length > 0 ? ` (registered: ${known.join(', ')})` : ' (the registry is empty)'}; register a bundle first with \`modelship-registry register <bundle-dir>\`.`,
    );
  }
}

export class VersionNotFoundError extends RegistryError {
  constructor(
    readonly model: string,
    readonly selector: string,
    fix: string,
  ) {
    super('E_VERSION_NOT_FOUND', 3, `Model ${model} has no ${selector}; ${fix}`);
  }
}

export class InvalidInputError extends RegistryError {
  constructor(
    readonly value: unknown,
    message: string,
  ) {
    super('E_INVALID_INPUT', 2, message);
  }
}

export class InvalidTransitionError extends RegistryError {
  constructor(message: string) {
    super('E_TRANSITION', 1, message);
  }
}

export class DuplicateBundleError extends RegistryError {
  constructor(
    readonly model: string,
    readonly existingVersion: number,
    readonly contentHash: string,
  ) {
    super(
      'E_ALREADY_REGISTERED',
      1,
      `This bundle is already registered as ${model} v${existingVersion} (content ${contentHash.slice(0, 12)}); nothing was registered. Use version ${existingVersion}, or retrain to get a new bundle.`,
    );
  }
}

export class ArtifactIntegrityError extends RegistryError {
  constructor(
    readonly model: string,
    readonly version: number,
    readonly problems: BundleProblem[],
  ) {
    super(
      'E_ARTIFACT_INTEGRITY',
      1,
      `${model} v${version} failed verification after download (${problems.map((p) => `${p.path}: ${p.kind === 'hash' ? 'sha256 mismatch' : p.kind === 'size' ? `${p.actual} bytes, expected ${p.expected}` : p.kind}`).join('; ')}); the stored artifacts were altered, nothing was written. Register the bundle again as a new version.`,
    );
  }
}

export class DestinationExistsError extends RegistryError {
  constructor(readonly dest: string) {
    super(
      'E_DEST_EXISTS',
      2,
      `${dest} already exists and is not empty; choose another folder or pass --force to replace it.`,
    );
  }
}

export class ConcurrentUpdateError extends RegistryError {
  constructor(key: string, attempts: number) {
    super(
      'E_CONFLICT',
      1,
      `Gave up updating ${key} after ${attempts} attempts: other writers kept changing it. Try again.`,
    );
  }
}
