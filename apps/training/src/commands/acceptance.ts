import { join, resolve } from 'node:path';
import { defineCommand } from 'citty';
import { AcceptanceError } from '../acceptance/acceptance-error.js';
import {
  formatAcceptanceMarkdown,
  formatAcceptanceText,
  passed,
} from '../acceptance/format-acceptance-report.js';
import { runAcceptance } from '../acceptance/run-acceptance.js';
import { locateEvaluationInputs } from '../evaluate/evaluation-inputs.js';
import { appendStepSummary } from '../report/step-summary.js';
import { createStepContext } from '../steps/step-context.js';
import { exitOnExpectedError } from './_exit-on-error.js';

export default defineCommand({
  meta: {
    name: 'acceptance',
    description:
      "Replay the bundle's labelled holdout through a live service's /predict and check that every answer equals the bundle's offline prediction, the metrics match metrics.json, the served model is the bundle's and latency is under the limits. Exit 0: accepted; 1: skew; 2: could not check.",
  },
  args: {
    url: {
      type: 'string',
      required: true,
      description: 'Base URL of the service (e.g. http://127.0.0.1:8080)',
    },
    bundle: { type: 'string', description: 'The bundle folder (default: artifacts/bundle)' },
    holdout: {
      type: 'string',
      description: 'The evaluation-inputs folder (default: beside the bundle)',
    },
    'model-version': {
      type: 'string',
      description:
        "Version the service must report (default: the bundle's, `unregistered` before register)",
    },
    tolerance: {
      type: 'string',
      default: '1e-5',
      description: 'Largest |live - offline| probability',
    },
    'metric-tolerance': {
      type: 'string',
      default: '1e-4',
      description: 'Largest metric difference',
    },
    'batch-size': { type: 'string', default: '100', description: 'Instances per /predict request' },
    'max-rows': {
      type: 'string',
      description: 'Replay only the first N holdout rows (skips the metrics check)',
    },
    'max-p95-ms': {
      type: 'string',
      default: '1000',
      description: 'p95 request latency limit (ms)',
    },
    'max-p99-ms': {
      type: 'string',
      default: '2000',
      description: 'p99 request latency limit (ms)',
    },
  },
  async run({ args }) {
    try {
      const bundleDir = args.bundle
        ? resolve(args.bundle)
        : join(createStepContext().root, 'artifacts', 'bundle');
      const checks = await runAcceptance({
        url: args.url,
        bundleDir,
        holdoutDir: args.holdout ? resolve(args.holdout) : locateEvaluationInputs(bundleDir),
        expectedVersion: args['model-version'],
        tolerance: readNumber('tolerance', args.tolerance),
        metricTolerance: readNumber('metric-tolerance', args['metric-tolerance']),
        batchSize: readNumber('batch-size', args['batch-size'], true),
        maxRows:
          args['max-rows'] === undefined
            ? undefined
            : readNumber('max-rows', args['max-rows'], true),
        maxP95Ms: readNumber('max-p95-ms', args['max-p95-ms']),
        maxP99Ms: readNumber('max-p99-ms', args['max-p99-ms']),
      });
      process.stdout.write(formatAcceptanceText(args.url, checks));
      appendStepSummary(formatAcceptanceMarkdown(args.url, checks));
      if (!passed(checks)) process.exit(1);
    } catch (error) {
      exitOnExpectedError('acceptance', error);
    }
  },
});

function readNumber(option: string, text: string, integer = false): number {
  const value = Number(text);
  if (
    !Number.isFinite(value) ||
    value < 0 ||
    (integer && (!Number.isInteger(value) || value < 1))
  ) {
    throw new AcceptanceError(
      'E_ACCEPT_OPTION',
      `--${option} must be ${integer ? 'a positive integer' : 'a non-negative number'}, got \`${text}\`.`,
    );
  }
  return value;
}
