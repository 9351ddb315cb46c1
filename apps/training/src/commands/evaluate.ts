import { DEFAULT_PATHS, resolveFromRoot } from '@modelship/params';
import { defineCommand } from 'citty';
import { locateEvaluationInputs, readEvaluationInputs } from '../evaluate/evaluation-inputs.js';
import { finalizeModelBundle } from '../bundle/finalize-model-bundle.js';
import { evaluateBundle } from '../steps/evaluate-bundle.js';
import { evaluateTaskModel } from '../steps/evaluate-task-model.js';
import { createStepContext } from '../steps/step-context.js';
import { exitOnExpectedError } from './_exit-on-error.js';

export default defineCommand({
  meta: {
    name: 'evaluate',
    description:
      "Score the bundle's model.onnx and the baselines on the test split that `train` left in <bundle>/../evaluation-inputs; write metrics.json, evaluation.json, plots/ and card.md.",
  },
  args: {
    bundle: {
      type: 'string',
      description: `The bundle folder, relative to the workspace root (default ${DEFAULT_PATHS.bundle})`,
    },
    inputs: {
      type: 'string',
      description:
        'The evaluation-inputs folder, relative to the workspace root (default: beside the bundle)',
    },
    json: { type: 'boolean', description: 'Print metrics.json to stdout instead of a summary' },
  },
  async run({ args }) {
    try {
      const ctx = createStepContext();
      const bundleDir = resolveFromRoot(ctx.root, args.bundle ?? DEFAULT_PATHS.bundle);
      const inputs = readEvaluationInputs(
        args.inputs ? resolveFromRoot(ctx.root, args.inputs) : locateEvaluationInputs(bundleDir),
      );
      if (inputs.task) {
        const { metrics } = await evaluateTaskModel(ctx, bundleDir, inputs);
        await finalizeModelBundle(ctx, bundleDir);
        process.stdout.write(
          args.json
            ? `${JSON.stringify(metrics, null, 2)}\n`
            : `${Object.entries(metrics).map(([key, value]) => `${key.padEnd(36)} ${value.toFixed(4)}`).join('\n')}\n\nWrote metrics and card.md to ${bundleDir}\nNext: npx modelship gate --bundle ${args.bundle ?? DEFAULT_PATHS.bundle}\n`,
        );
        return;
      }
      const { metrics, result } = await evaluateBundle(ctx, bundleDir, inputs);
      await finalizeModelBundle(ctx, bundleDir);
      if (args.json) {
        process.stdout.write(`${JSON.stringify(metrics, null, 2)}\n`);
        return;
      }
      const rows = [
        ['network', result.network.metrics] as const,
        ...result.baselines.map((b) => [b.id, b.evaluation.metrics] as const),
      ];
      process.stdout.write(`${'model'.padEnd(20)}  roc_auc  pr_auc   log_loss\n`);
      for (const [name, m] of rows) {
        process.stdout.write(
          `${name.padEnd(20)}  ${fmt(m.roc_auc)}   ${fmt(m.pr_auc)}   ${fmt(m.log_loss)}\n`,
        );
      }
      process.stdout.write(
        `\nWrote metrics, plots and card.md to ${bundleDir}\nNext: npx modelship gate --bundle ${args.bundle ?? DEFAULT_PATHS.bundle}\n`,
      );
    } catch (error) {
      exitOnExpectedError('evaluate', error);
    }
  },
});

function fmt(value: number): string {
  return Number.isFinite(value) ? value.toFixed(4) : '  n/a ';
}
