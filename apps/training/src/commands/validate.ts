import { resolveFromRoot } from '@modelship/params';
import { defineCommand } from 'citty';
import { createStepContext } from '../steps/step-context.js';
import { validateData } from '../steps/validate-data.js';
import { exitOnExpectedError } from './_exit-on-error.js';

// `modelship validate`: exit 0 when every check passes, 1 when some fail, 2 on unreadable input.
export default defineCommand({
  meta: {
    name: 'validate',
    description: 'Check the dataset against its schema; write reports/validation.',
  },
  args: {
    data: {
      type: 'string',
      description: 'CSV file, relative to the workspace root (default: data.path in params.yaml)',
    },
    schema: {
      type: 'string',
      description:
        'schema file, relative to the workspace root (default: data.schema in params.yaml)',
    },
    json: { type: 'boolean', description: 'print the report as JSON on stdout', default: false },
  },
  async run({ args }) {
    try {
      const ctx = createStepContext();
      const report = await validateData(ctx, {
        data: args.data === undefined ? undefined : resolveFromRoot(ctx.root, args.data),
        schema: args.schema === undefined ? undefined : resolveFromRoot(ctx.root, args.schema),
      });
      if (args.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      if (report.passed) return;
      const failed = report.checks.filter((check) => !check.passed);
      for (const check of failed) {
        const example = check.examples[0];
        const where = example
          ? ` (first at ${report.dataset.file}:${example.line}: "${example.value}")`
          : '';
        process.stderr.write(
          `FAIL ${check.column ?? 'dataset'} ${check.rule}: ${check.message}${where}\n`,
        );
      }
      process.stderr.write(
        `modelship validate: ${failed.length} of ${report.summary.checks} checks failed; fix the data, or edit the schema if the data is right, then run npx modelship validate again\n`,
      );
      process.exit(1);
    } catch (error) {
      exitOnExpectedError('validate', error);
    }
  },
});
