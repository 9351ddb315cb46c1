import { BundleFormatError, BundleIntegrityError } from '@modelship/model-bundle';
import { RegistryError } from '@modelship/model-registry';
import { defineCommand } from 'citty';
import { DEFAULT_PATHS, ParamsError, resolveFromRoot } from '@modelship/params';
import { registerBundle } from '../steps/register-model.js';
import { createStepContext } from '../steps/step-context.js';

export default defineCommand({
  meta: {
    name: 'register',
    description:
      "Register the bundle in params.yaml's registry.url; promote it to production when its gate passed (by default only on the embedded file: registry).",
  },
  args: {
    bundle: {
      type: 'string',
      description: `The bundle folder, relative to the workspace root (default ${DEFAULT_PATHS.bundle})`,
    },
    promote: {
      type: 'boolean',
      description:
        'Promote to production if the gate passed, on any registry (--no-promote: never)',
    },
    by: {
      type: 'string',
      description: 'Who registers (default: $GITHUB_ACTOR, $BUILD_REQUESTEDFOR or the OS user)',
    },
    reason: { type: 'string', description: 'Why, recorded in the registry history' },
    json: { type: 'boolean', description: 'Print the result as JSON' },
  },
  async run({ args }) {
    try {
      const ctx = createStepContext();
      const bundleDir = resolveFromRoot(ctx.root, args.bundle ?? DEFAULT_PATHS.bundle);
      const result = await registerBundle(ctx, bundleDir, {
        promote: args.promote,
        by: args.by,
        reason: args.reason,
      });
      const { name, version } = result.version;
      process.stdout.write(
        args.json
          ? `${JSON.stringify({ url: result.url, name, version, created: result.created, promoted: result.promoted })}\n`
          : `${name} v${version}${result.promoted ? ' (production)' : ''} in ${result.url}. Next: npx modelship-registry show ${name} ${version}\n`,
      );
    } catch (error) {
      // Expected failures print one line: 1 refused (bad bundle), 2 bad input, 3 not found, 4 unreachable.
      const exitCode =
        error instanceof RegistryError
          ? error.exitCode
          : error instanceof BundleIntegrityError
            ? 1
            : error instanceof BundleFormatError || error instanceof ParamsError
              ? 2
              : null;
      if (exitCode === null) throw error;
      process.stderr.write(`modelship register: ${(error as Error).message}\n`);
      process.exit(exitCode);
    }
  },
});
