import { defineCommand } from 'citty';
import type { DriftReport } from '@modelship/data-validation';
import { driftBetweenCsvs, getDriftThresholds, loadSchema } from '@modelship/data-validation';
import { resolveFromRoot } from '@modelship/params';
import { createStepContext } from '../steps/step-context.js';
import { exitOnExpectedError } from './_exit-on-error.js';

function formatDrift(report: DriftReport): string {
  const lines = report.features.map((f) => {
    const stat =
      f.kind === 'numeric'
        ? `ks ${(f.ks ?? 0).toFixed(3)}`
        : `chi2 p ${(f.chi2?.pValue ?? 1).toPrecision(2)}`;
    return `${f.status.padEnd(5)}  ${f.name.padEnd(24)}  psi ${f.psi.toFixed(3)}  ${stat}${f.inconclusive ? '  (too few values)' : ''}`;
  });
  return `${lines.join('\n')}\ndrift: ${report.status} over ${report.rows} rows\n`;
}

// `modelship drift ref.csv cur.csv`: exit 1 when any feature is in alert.
export default defineCommand({
  meta: {
    name: 'drift',
    description:
      'Compare a current CSV with a reference CSV, feature by feature (PSI, KS, chi-squared).',
  },
  args: {
    reference: {
      type: 'positional',
      description: 'reference CSV, relative to the workspace root (for example the training data)',
      required: true,
    },
    current: {
      type: 'positional',
      description: 'current CSV, relative to the workspace root',
      required: true,
    },
    schema: {
      type: 'string',
      description:
        'schema file, relative to the workspace root (default: data.schema in params.yaml)',
    },
    json: { type: 'boolean', description: 'print the report as JSON', default: false },
  },
  async run({ args }) {
    try {
      const ctx = createStepContext();
      const schema = await loadSchema(
        resolveFromRoot(ctx.root, args.schema ?? ctx.params.data.schema),
      );
      const drift = ctx.params.drift;
      const report = await driftBetweenCsvs(
        resolveFromRoot(ctx.root, args.reference),
        resolveFromRoot(ctx.root, args.current),
        schema,
        { bins: drift?.bins, thresholds: getDriftThresholds(drift) },
      );
      process.stdout.write(
        args.json ? `${JSON.stringify(report, null, 2)}\n` : formatDrift(report),
      );
      if (report.status === 'alert') process.exit(1);
    } catch (error) {
      exitOnExpectedError('drift', error);
    }
  },
});
