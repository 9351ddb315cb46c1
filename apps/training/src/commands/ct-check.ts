import { resolveFromRoot } from '@modelship/params';
import { defineCommand } from 'citty';
import { checkTriggers, formatTriggerTable, writeCiOutputs } from '@modelship/continuous-training';
import { createStepContext } from '../steps/step-context.js';
import { exitOnExpectedError } from './_exit-on-error.js';

/** ct-check's exit code when a trigger fired: CI branches on it (0 and 2 keep their meaning). */
export const RETRAIN_EXIT_CODE = 3;

export default defineCommand({
  meta: {
    name: 'ct-check',
    description:
      'Check the retraining triggers of params.yaml `ct:` (drift, live accuracy/AUC, new labelled rows, model age); exit 0 nothing fired, 3 retrain, 2 could not check.',
  },
  args: {
    'service-url': {
      type: 'string',
      description:
        'The running service; its /metrics gives drift and live accuracy (e.g. http://localhost:8080)',
    },
    'metrics-file': {
      type: 'string',
      description:
        'A saved scrape of /metrics instead of --service-url, relative to the workspace root',
    },
    json: { type: 'boolean', description: 'Print the decision as JSON instead of the table' },
  },
  async run({ args }) {
    try {
      const ctx = createStepContext();
      const check = await checkTriggers(ctx, {
        serviceUrl: args['service-url'],
        metricsFile: args['metrics-file'] && resolveFromRoot(ctx.root, args['metrics-file']),
      });
      process.stdout.write(
        args.json ? `${JSON.stringify(check, null, 2)}\n` : `${formatTriggerTable(check)}\n`,
      );
      for (const line of writeCiOutputs(check)) process.stdout.write(`${line}\n`);
      process.exitCode = check.retrain ? RETRAIN_EXIT_CODE : 0;
    } catch (error) {
      exitOnExpectedError('ct-check', error, 2);
    }
  },
});
