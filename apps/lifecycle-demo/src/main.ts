import { relative, resolve } from 'node:path';
import { findWorkspaceRoot } from '@modelship/model-registry';
import { defineCommand, runMain } from 'citty';
import { runLifecycle } from './run-lifecycle.js';

// `npm run demo:lifecycle` (`nx run lifecycle-demo:run`): the whole continuous-training loop,
// locally, in an isolated copy of the workspace (apps/lifecycle-demo/README.md).
const main = defineCommand({
  meta: {
    name: 'lifecycle-demo',
    description:
      'Serve v1, replay drifted traffic with labels, detect it, retrain v2, canary and promote it, then roll back a bad v3; writes reports/lifecycle/. Exit 1 naming the stage that misbehaved.',
  },
  args: {
    dir: { type: 'string', description: 'The demo workspace (default: tmp/demo/<time>/)' },
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
          `lifecycle-demo: --drift-labels must be a positive integer, got ${args['drift-labels']}\n`,
        );
        process.exit(2);
      }
      const result = await runLifecycle(root, {
        dir: args.dir ? resolve(args.dir) : undefined,
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
        `\nreport: ${relative(root, result.reportDir)}/report.html (copied to reports/lifecycle/)\n`,
      );
      if (!result.passed) {
        process.stderr.write(`lifecycle-demo: ${result.failure}\n`);
        process.exitCode = 1;
      }
    } catch (error) {
      // Typed errors (a stage or an option at fault) get one line; anything else is a bug.
      if (error instanceof Error && typeof (error as { code?: unknown }).code === 'string') {
        process.stderr.write(`lifecycle-demo: ${error.message}\n`);
        process.exit(2);
      }
      throw error;
    }
  },
});

await runMain(main);
