import { isTask, ModelshipError, TASKS } from '@modelship/core';
import type { Task } from '@modelship/core';
import { DEFAULT_PATHS } from '@modelship/params';
import { defineCommand } from 'citty';
import { defineImportSteps } from '../steps/import-model-steps.js';
import { formatQuickStartSummary, runQuickStart } from '../steps/start.js';
import { createStepContext } from '../steps/step-context.js';
import { exitOnExpectedError, isExpectedError } from './_exit-on-error.js';

export default defineCommand({
  meta: {
    name: 'import',
    description:
      "Bring a model exported to ONNX elsewhere (scikit-learn, XGBoost, LightGBM, PyTorch): map a labelled sample's columns to its inputs, rewrite its outputs to the kit's and prove nothing changed, evaluate it like a trained model and, with --register, gate and register it.",
  },
  args: {
    model: {
      type: 'positional',
      description: 'the .onnx file, relative to the workspace root',
      required: true,
    },
    data: {
      type: 'string',
      description: 'a labelled sample (CSV), relative to the workspace root',
      required: true,
    },
    target: { type: 'string', description: 'the column the model predicts', required: true },
    task: {
      type: 'string',
      description: `${TASKS.join(' | ')} (default: the schema's, or proposed from the target's values)`,
    },
    schema: {
      type: 'string',
      description: "the sample's dataset schema (default: inferred from the CSV)",
    },
    positive: {
      type: 'string',
      description: "a binary target's positive class (default: the schema's, or 1 / yes / true)",
    },
    classes: {
      type: 'string',
      description:
        "the model's classes in its output order, comma-separated, when the graph names none (PyTorch)",
    },
    logits: {
      type: 'boolean',
      description:
        "the classifier's output is logits (no final Sigmoid or Softmax): import appends it and proves it",
    },
    bundle: {
      type: 'string',
      description: `the bundle folder, relative to the workspace root (default ${DEFAULT_PATHS.bundle})`,
    },
    register: {
      type: 'boolean',
      description: 'gate the model against production and register it when it passes',
    },
  },
  async run({ args }) {
    let steps;
    let ctx;
    try {
      ctx = createStepContext();
      steps = defineImportSteps({
        modelPath: args.model,
        dataPath: args.data,
        target: args.target,
        ...(args.task === undefined ? {} : { task: parseTask(args.task) }),
        ...(args.schema === undefined ? {} : { schemaPath: args.schema }),
        ...(args.positive === undefined ? {} : { positive: args.positive }),
        ...(args.classes === undefined ? {} : { classes: parseClasses(args.classes) }),
        ...(args.logits === true ? { logits: true } : {}),
        ...(args.bundle === undefined ? {} : { bundleDir: args.bundle }),
        register: args.register === true,
      });
    } catch (error) {
      exitOnExpectedError('import', error);
    }
    const outcomes = await runQuickStart(ctx, steps);
    process.stdout.write(`\nmodelship import\n${formatQuickStartSummary(outcomes)}\n`);
    const failed = outcomes.find((outcome) => !outcome.ok);
    if (failed) {
      if (!isExpectedError(failed.error)) throw failed.error;
      process.stderr.write(`modelship import: ${failed.name} failed: ${failed.line}\n`);
      // The model or sample could not be imported (2); a gate that failed is a check that ran (1).
      process.exit(failed.name === 'import' ? 2 : 1);
    }
    const bundle = args.bundle ?? DEFAULT_PATHS.bundle;
    const next = args.register
      ? `open ${bundle}/card.md; serve the registered version, or roll it out as a canary`
      : `open ${bundle}/card.md, then npx modelship gate --bundle ${bundle} && npx modelship register --bundle ${bundle}`;
    process.stdout.write(`\nnext: ${next}\n`);
  },
});

// --- internal ---

function parseTask(value: string): Task {
  if (isTask(value)) return value;
  throw new ModelshipError(`--task must be one of ${TASKS.join(', ')}, got "${value}"`, {
    code: 'E_ARG_TASK',
    fix: `pass --task ${TASKS.join(' | ')}, or leave it out to have it read from the schema`,
  });
}

function parseClasses(value: string): string[] {
  const classes = value.split(',').map((name) => name.trim());
  if (
    classes.length < 2 ||
    classes.some((name) => name === '') ||
    new Set(classes).size !== classes.length
  ) {
    throw new ModelshipError(
      `--classes must name two or more distinct classes separated by commas, got "${value}"`,
      {
        code: 'E_ARG_CLASSES',
        fix: "pass the classes in the model's output order, for example --classes low,normal,urgent",
      },
    );
  }
  return classes;
}
