import { ModelshipError } from '@modelship/core';
import { DEFAULT_PATHS } from '@modelship/params';
import { defineCommand } from 'citty';
import type { ValidationReport } from '@modelship/data-validation';
import { prepareData } from '../steps/prepare-data.js';
import { defineQuickStartStep, formatQuickStartSummary, runQuickStart } from '../steps/start.js';
import { createStepContext } from '../steps/step-context.js';
import type { StepContext } from '../steps/step-context.js';
import { validateData } from '../steps/validate-data.js';
import { defineTrainingSteps } from '../steps/train-pipeline.js';
import { verifyData } from '../steps/verify-data.js';
import { isExpectedError } from './_exit-on-error.js';

const NEXT_COMMANDS = [
  [`open ${DEFAULT_PATHS.bundle}/card.md`, 'the model card: metrics, slices, plots'],
  ['npx nx run model-registry:registry -- list', 'the registered versions and stages'],
  ['npx modelship data verify', 'check data/ against data.dvc again'],
  ['npx modelship drift <ref.csv> <new.csv>', 'drift between two datasets'],
];

// `npm start`: the quick start. Gets the data, checks its version, validates it, and says
// what to run next, then trains, evaluates, gates and registers a model on it.
export default defineCommand({
  meta: {
    name: 'start',
    description:
      'Quick start: prepare, verify and validate the data; train, evaluate, gate and register a model.',
  },
  async run() {
    let ctx: StepContext;
    try {
      ctx = createStepContext();
    } catch (error) {
      process.stderr.write(`modelship start: ${(error as Error).message}\n`);
      process.exit(1);
    }
    const outcomes = await runQuickStart(ctx, [
      defineQuickStartStep('prepare', prepareData, (result) => `data ${result.action}`),
      defineQuickStartStep(
        'verify',
        verifyData,
        (version) => `${version.trackedPath} is md5 ${version.md5}`,
      ),
      defineQuickStartStep(
        'validate',
        async (stepCtx: StepContext) => failOnFailedValidation(await validateData(stepCtx), ctx),
        (report) => formatValidationSummary(report, ctx),
      ),
      ...defineTrainingSteps(),
    ]);
    process.stdout.write(`\nmodelship quick start\n${formatQuickStartSummary(outcomes)}\n`);
    const failed = outcomes.find((outcome) => !outcome.ok);
    if (failed) {
      if (!isExpectedError(failed.error)) throw failed.error;
      process.stderr.write(`modelship start: ${failed.name} failed: ${failed.line}\n`);
      process.exit(1);
    }
    const width = Math.max(...NEXT_COMMANDS.map(([command]) => command.length));
    const next = NEXT_COMMANDS.map(([command, what]) => `  ${command.padEnd(width)}  ${what}`);
    process.stdout.write(`\nnext:\n${next.join('\n')}\n`);
  },
});

// The quick start stops at data that fails validation, before training on it.
function failOnFailedValidation(report: ValidationReport, ctx: StepContext): ValidationReport {
  if (report.passed) return report;
  const { checks, failed } = report.summary;
  const first = report.checks.find((check) => !check.passed);
  const detail = first
    ? `; first: ${first.column ?? 'dataset'} ${first.rule}: ${first.message}`
    : '';
  throw new QuickStartFailure(`${failed} of ${checks} checks failed${detail} (${reportIn(ctx)})`);
}

function formatValidationSummary(report: ValidationReport, ctx: StepContext): string {
  const { checks, passed } = report.summary;
  return `${passed}/${checks} checks passed on ${report.dataset.rows.toLocaleString('en-US')} rows (${reportIn(ctx)})`;
}

function reportIn(ctx: StepContext): string {
  return `report in ${ctx.params.validation?.report_dir ?? DEFAULT_PATHS.validationReports}`;
}

class QuickStartFailure extends ModelshipError {
  override readonly code = 'E_VALIDATION_FAILED';
}
