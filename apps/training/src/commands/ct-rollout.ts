import { DEFAULT_PATHS, resolveFromRoot } from '@modelship/params';
import { defineCommand } from 'citty';
import { rolloutChallenger } from '@modelship/continuous-training';
import { createStepContext } from '../steps/step-context.js';
import { exitOnExpectedError } from './_exit-on-error.js';

const EXIT_CODES = { promoted: 0, rolled_back: 1, rejected: 1, aborted: 2, timed_out: 2 } as const;

export default defineCommand({
  meta: {
    name: 'ct-rollout',
    description:
      'Register the challenger bundle and canary it on the service (ADMIN_TOKEN); a failed gate archives it. Exit 0 promoted, 1 rolled back or rejected, 2 could not run.',
  },
  args: {
    bundle: {
      type: 'string',
      description: `The challenger bundle, relative to the workspace root (default ${DEFAULT_PATHS.bundle})`,
    },
    'service-url': {
      type: 'string',
      description: 'The running service (default: http://localhost:8080)',
    },
    by: { type: 'string', description: 'Who rolls out, recorded in the registry history' },
    json: { type: 'boolean', description: 'Print the result as JSON' },
  },
  async run({ args }) {
    try {
      const ctx = createStepContext();
      const result = await rolloutChallenger(ctx, {
        bundleDir: resolveFromRoot(ctx.root, args.bundle ?? DEFAULT_PATHS.bundle),
        serviceUrl: args['service-url'] ?? 'http://localhost:8080',
        token: process.env['ADMIN_TOKEN'],
        by: args.by,
      });
      process.stdout.write(
        args.json
          ? `${JSON.stringify(result, null, 2)}\n`
          : `${ctx.params.model.name} v${result.version}: ${result.outcome}\n`,
      );
      process.exitCode = EXIT_CODES[result.outcome];
    } catch (error) {
      exitOnExpectedError('ct-rollout', error, 2);
    }
  },
});
