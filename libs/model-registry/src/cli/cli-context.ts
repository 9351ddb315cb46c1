import type { ModelRegistry } from '../model-registry.js';
import { openRegistry } from '../model-registry.js';
import { InvalidInputError } from '../registry-errors.js';
import type { VersionSelector } from '../model-version.js';
import { parseStage } from '../transitions.js';
import { findWorkspaceRoot, resolveRegistryUrl } from '../workspace-root.js';

/** Flags every command takes. */
export const commonArgs = {
  registry: {
    type: 'string',
    description:
      'Registry URL (file:<path> or azblob://<account>/<container>[/prefix]); default: $MODEL_REGISTRY, else params.yaml registry.url',
  },
  json: {
    type: 'boolean',
    description: 'Print JSON for scripts instead of tables',
    default: false,
  },
} as const;

/** Flags of commands that change the registry. */
export const actorArgs = {
  by: {
    type: 'string',
    description: 'Who is acting (default: $GITHUB_ACTOR, $BUILD_REQUESTEDFOR or the OS user)',
  },
  reason: { type: 'string', description: 'Why, recorded in the history' },
} as const;

export async function openFromArgs(args: { registry?: string }): Promise<ModelRegistry> {
  const root = findWorkspaceRoot();
  return openRegistry(args.registry ?? resolveRegistryUrl(root), { root });
}

export function parseVersionArg(value: string | undefined, what = 'version'): number {
  const match = /^v?(\d+)$/.exec(value ?? '');
  const version = match ? Number(match[1]) : NaN;
  if (!Number.isSafeInteger(version) || version < 1) {
    throw new InvalidInputError(
      value,
      `The ${what} must be a positive integer such as 3 or v3, got ${JSON.stringify(value ?? '')}.`,
    );
  }
  return version;
}

/** --version, --stage or --alias (at most one); none means the latest version. */
export function parseSelector(args: {
  version?: string;
  stage?: string;
  alias?: string;
}): VersionSelector {
  const given = (['version', 'stage', 'alias'] as const).filter((key) => args[key] !== undefined);
  if (given.length > 1)
    throw new InvalidInputError(
      given,
      `Give only one of --version, --stage and --alias (got ${given.map((g) => `--${g}`).join(', ')}).`,
    );
  if (args.version !== undefined) return { version: parseVersionArg(args.version) };
  if (args.stage !== undefined) return { stage: parseStage(args.stage) };
  if (args.alias !== undefined) return { alias: args.alias };
  return {};
}

export const selectorArgs = {
  version: { type: 'string', description: 'Version number' },
  stage: {
    type: 'string',
    description: 'Newest version in this stage (none, staging, production, archived)',
  },
  alias: { type: 'string', description: 'Version an alias points at (for example champion)' },
} as const;
