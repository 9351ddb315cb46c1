import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLE_FILES } from '@modelship/model-bundle';
import type { FeatureMatrix } from '../baseline/feature-matrix.js';
import type { TaskEvaluation } from '../evaluate/evaluate-task-predictions.js';
import { buildTaskMetricsJson, evaluateTaskPredictions } from '../evaluate/evaluate-task-predictions.js';
import { EvaluationError } from '../evaluate/evaluation-error.js';
import { runOnnxModel } from '../evaluate/run-onnx-model.js';
import { renderTaskCard } from '../report/card/render-task-card.js';
import { appendStepSummary } from '../report/step-summary.js';
import { writeBundleFiles } from '../report/write-bundle-files.js';
import { EVALUATION_FILE } from './evaluate-model.js';
import type { StepContext } from './step-context.js';

export interface EvaluateTaskModelInput {
  bundleDir: string;
  task: 'multiclass' | 'regression';
  /** The class vocabulary (multiclass), null for regression. */
  classes: readonly string[] | null;
  /** Test class indices or values, with their transformed features, in one order. */
  test: { labels: ArrayLike<number>; features: FeatureMatrix };
  /** The training split's labels, for the baselines. */
  trainLabels: ArrayLike<number>;
  /** The input columns, named on the card. */
  features: string[];
}

export interface EvaluateTaskModelResult {
  metrics: Record<string, number>;
  evaluation: TaskEvaluation;
  files: string[];
}

/**
 * Scores a multiclass or regression bundle's model.onnx (the file serving would load) on the test
 * split and writes metrics.json (DVC's flat numeric keys), evaluation.json and card.md.
 */
export async function evaluateTaskModel(ctx: StepContext, input: EvaluateTaskModelInput): Promise<EvaluateTaskModelResult> {
  const output = await runOnnxModel(join(input.bundleDir, BUNDLE_FILES.onnx), input.test.features);
  const expected = input.task === 'multiclass' ? (input.classes?.length ?? 0) : 1;
  if (output.width !== expected) {
    throw new EvaluationError(
      'E_EVAL_MODEL',
      `${input.bundleDir}/${BUNDLE_FILES.onnx} answers ${output.width} numbers per row; a ${input.task} model with this vocabulary answers ${expected}. Retrain with \`modelship train\`.`,
      output.width,
    );
  }
  const evaluation = evaluateTaskPredictions(
    input.task,
    { labels: input.test.labels, outputs: output.values, trainLabels: input.trainLabels },
    input.classes,
  );
  const metrics = buildTaskMetricsJson(evaluation);
  // A gate decision belongs to the metrics it judged: new metrics need a new decision.
  rmSync(join(input.bundleDir, BUNDLE_FILES.gate), { force: true });
  const card = renderTaskCard({ name: ctx.params.model.name, target: ctx.params.data.target, features: input.features, evaluation });
  const files = writeBundleFiles(input.bundleDir, {
    [BUNDLE_FILES.metrics]: `${JSON.stringify(metrics, null, 2)}\n`,
    [EVALUATION_FILE]: `${JSON.stringify(evaluation, null, 2)}\n`,
    [BUNDLE_FILES.card]: card,
  });
  appendStepSummary(card);
  const headline = Object.entries(metrics)
    .filter(([key]) => !key.startsWith('baseline_') && key !== 'test_rows')
    .map(([key, value]) => `${key} ${value.toFixed(4)}`)
    .join(', ');
  ctx.log(`evaluate: network ${headline}; wrote ${files.length} files to ${input.bundleDir}`);
  return { metrics, evaluation, files };
}
