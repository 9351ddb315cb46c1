import { ModelshipError } from '@modelship/core';
import { openRegistry } from '@modelship/model-registry';
import { DEFAULT_PATHS, readEvaluateThreshold } from '@modelship/params';
import { finalizeModelBundle } from '../bundle/finalize-model-bundle.js';
import { HEADLINE_METRICS } from '../evaluate/headline-metric.js';
import { createHoldout } from '../gate/champion-on-holdout.js';
import { PRODUCTION_CHECK } from '../gate/decide-gate.js';
import { createRegistryMetricsSource } from '../gate/registry-metrics-source.js';
import { evaluateBundle } from './evaluate-bundle.js';
import { evaluateTaskModel } from './evaluate-task-model.js';
import type { GateFile } from './gate-model.js';
import { gateModel } from './gate-model.js';
import { registerBundle, selectRegistryUrl } from './register-model.js';
import type { QuickStartStep } from './start.js';
import { defineQuickStartStep } from './start.js';
import type { StepContext } from './step-context.js';
import type { TrainModelOutput } from './train-model.js';
import type { TrainResult } from './train-result.js';
import { describeModelRun } from '../report/describe-model-run.js';
import { trainModel } from './train-model.js';

export class GateFailedError extends ModelshipError {
  override readonly code = 'E_GATE_FAILED';
}

/**
 * The steps after validation, in one process: train, evaluate (the exported ONNX model beside
 * the baselines), gate (against the registry's production version) and register. metadata.json
 * is rewritten after every step that changes the bundle, so the bundle always verifies.
 *
 * A model that misses a threshold fails the run. A model that is sound but not better than
 * production is not registered and production stays: that is the gate doing its job.
 */
export function defineTrainingSteps(bundle: string = DEFAULT_PATHS.bundle): QuickStartStep[] {
  let trained: TrainModelOutput | undefined;
  const after = defineBundleSteps({
    bundle,
    output: () => {
      if (!trained) throw new Error('the train step has not run');
      return trained;
    },
    context: (ctx) => ctx,
  });
  return [
    defineQuickStartStep(
      'train',
      async (ctx: StepContext) => {
        trained = await trainModel(ctx, { bundleDir: bundle });
        await finalizeModelBundle(ctx, trained.bundleDir);
        return trained;
      },
      ({ result }) => summarizeTraining(result),
    ),
    after.evaluate,
    after.gate,
    after.register,
  ];
}

/** Where the steps after training (or `modelship import`) find the model they judge. */
export interface BundleSource {
  /** The bundle folder as given, for messages. */
  bundle: string;
  /** The model the first step produced (throws when that step has not run). */
  output: () => TrainModelOutput;
  /** The context the steps run in (an import's points params.yaml's data at its sample). */
  context: (ctx: StepContext) => StepContext;
}

/** The evaluate, gate and register steps, for a trained or an imported model alike. */
export function defineBundleSteps(source: BundleSource): Record<'evaluate' | 'gate' | 'register', QuickStartStep> {
  let gate: GateFile | undefined;
  const bundleDir = (): string => source.output().bundleDir;
  return {
    evaluate: defineQuickStartStep(
      'evaluate',
      async (runCtx: StepContext) => {
        const ctx = source.context(runCtx);
        const model = source.output();
        if (model.evaluationInputs.task) {
          const evaluated = await evaluateTaskModel(ctx, bundleDir(), model.evaluationInputs);
          await finalizeModelBundle(ctx, bundleDir());
          return summarizeTaskEvaluation(model.evaluationInputs.task.task, evaluated.metrics);
        }
        const { result } = await evaluateBundle(ctx, bundleDir(), model.evaluationInputs);
        await finalizeModelBundle(ctx, bundleDir());
        const baseline = result.baselines.find((b) => b.id === 'logistic_regression');
        const versus = baseline
          ? ` (logistic baseline ${baseline.evaluation.metrics.roc_auc.toFixed(4)})`
          : '';
        return `test ROC AUC ${result.network.metrics.roc_auc.toFixed(4)}${versus}`;
      },
      (line) => line,
    ),
    gate: defineQuickStartStep(
      'gate',
      async (runCtx: StepContext) => {
        const ctx = source.context(runCtx);
        const registry = await openRegistry(selectRegistryUrl(ctx), { root: ctx.root });
        const holdout = createHoldout(source.output().evaluationInputs, readEvaluateThreshold(ctx.params));
        const against = createRegistryMetricsSource(registry, ctx.params.model.name, holdout);
        gate = await gateModel(ctx, { bundleDir: bundleDir(), against });
        await finalizeModelBundle(ctx, bundleDir());
        failOnBrokenGate(gate, source.bundle);
        return gate;
      },
      formatGateSummary,
    ),
    register: defineQuickStartStep(
      'register',
      async (runCtx: StepContext) => (gate?.passed ? registerBundle(source.context(runCtx), bundleDir()) : null),
      (registered) => {
        if (!registered) return 'skipped: the gate kept the production model';
        const { name, version } = registered.version;
        const unchanged = registered.created ? '' : ' (this bundle was already registered)';
        const promoted = registered.promoted ? ', promoted to production' : '';
        return `${name} v${version}${unchanged}${promoted}`;
      },
    ),
  };
}

// --- internal ---

// "12 epochs (best 9) on 3,500 rows (wasm backend)", and for auto which family it kept first.
function summarizeTraining({ model, selection, split }: TrainResult): string {
  const backend = model.type === 'mlp' ? ` (${model.backend} backend)` : '';
  const run = `${describeModelRun(model)} on ${split.train.toLocaleString('en-US')} rows${backend}`;
  if (!selection) return run;
  const figures = selection.candidates.map((c) => `${c.type} ${c.validation.toFixed(4)}`).join(', ');
  return `auto kept ${selection.chosen} (validation ${selection.metric}: ${figures}): ${run}`;
}

function summarizeTaskEvaluation(task: 'multiclass' | 'regression', metrics: Record<string, number>): string {
  const keys = ['macro_f1', 'accuracy', 'rmse', 'r2'].filter((key) => key in metrics);
  const line = keys.map((key) => `${key} ${metrics[key]?.toFixed(4)}`).join(', ');
  const { metric, linearBaseline } = HEADLINE_METRICS[task];
  const baseline = metrics[`baseline_${linearBaseline}_${metric}`];
  return `test ${line}${baseline === undefined ? '' : ` (${linearBaseline.replace('_', ' ')} baseline ${metric} ${baseline.toFixed(4)})`}`;
}

// A missed threshold fails the run; losing only to production is the gate doing its job.
function failOnBrokenGate(report: GateFile, bundle: string): void {
  const failed = report.checks.filter((check) => !check.passed);
  const broken = failed.filter((check) => check.check !== PRODUCTION_CHECK);
  if (failed.length > 0 && (broken.length > 0 || !report.comparedTo)) {
    const names = failed.map((check) => check.check).join(', ');
    throw new GateFailedError(`the quality gate failed: ${names} (see ${bundle}/gate.json)`);
  }
}

function formatGateSummary(report: GateFile): string {
  const failed = report.checks.filter((check) => !check.passed);
  const count = report.checks.length;
  if (failed.length === 0 || !report.comparedTo) return `passed ${count} check${count === 1 ? '' : 's'}`;
  const { version, metric, value } = report.comparedTo;
  const actual = failed[0]?.actual;
  return `kept production v${version}: not better on ${metric} (${actual?.toFixed(4)} vs ${value.toFixed(4)})`;
}
