import { relative } from 'node:path';
import { defineCommand } from 'citty';
import { DEFAULT_PATHS, findWorkspaceRoot, resolveFromRoot } from '@modelship/params';
import { runLifecycle } from '../demo/run-lifecycle.js';
import { exitOnExpectedError } from './_exit-on-error.js';

// `modelship demo lifecycle` (`npm run demo:lifecycle`): the whole continuous-training loop,
// locally, in an isolated copy of the workspace (apps/training/README.md, "The model lifecycle demo").
export default defineCommand({
  meta: {
    name: 'demo',
    description: 'Runnable demonstrations of the product on the embedded defaults.',
  },
  subCommands: {
    lifecycle: defineCommand({
      meta: {
        name: 'lifecycle',
        description:
          'Serve v1, replay drifted traffic with labels, detect it, retrain v2, canary and promote it, then roll back a bad v3; writes reports/lifecycle/. Exit 1 naming the stage that misbehaved.',
      },
      args: {
        dir: {
          type: 'string',
          description: `The demo workspace, relative to the workspace root (default: ${DEFAULT_PATHS.demoWorkspaces}/<time>/)`,
        },
        'drift-labels': {
          type: 'string',
          description: 'Labelled drifted rows collected before retraining (default 5000)',
        },
        features: {
          type: 'string',
          description: 'Comma-separated features to shift (default: the two most predictive)',
        },
      },
      async run({ args }) {
        try {
          const root = findWorkspaceRoot();
          const driftLabels = args['drift-labels'] ? Number(args['drift-labels']) : undefined;
          if (driftLabels !== undefined && !(Number.isInteger(driftLabels) && driftLabels > 0)) {
            process.stderr.write(
              `modelship demo lifecycle: --drift-labels must be a positive integer, got ${args['drift-labels']}\n`,
            );
            process.exit(2);
          }
          const result = await runLifecycle(root, {
            dir: args.dir ? resolveFromRoot(root, args.dir) : undefined,
            ...(driftLabels ? { driftLabels } : {}),
            shift: {
              features: args.features
                ?.split(',')
                .map((f) => f.trim())
                .filter(Boolean),
            },
          });
          process.stdout.write(
            `\n${result.figures.map(([label, value]) => `  ${label}: ${value}`).join('\n')}\n`,
          );
          process.stdout.write(
            `\nreport: ${relative(root, result.reportDir)}/report.html (copied to ${DEFAULT_PATHS.lifecycleReports}/)\n`,
          );
          if (!result.passed) {
            process.stderr.write(`modelship demo lifecycle: ${result.failure}\n`);
            process.exitCode = 1;
          }
        } catch (error) {
          exitOnExpectedError('demo lifecycle', error, 2);
        }
      },
    }),
  },
});
