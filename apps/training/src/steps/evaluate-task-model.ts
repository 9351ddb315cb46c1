import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLE_FILES } from '@modelship/model-bundle';
import type { EvaluationInputs } from '../evaluate/evaluation-inputs.js';
import type { TaskEvaluation } from '../evaluate/evaluate-task-predictions.js';
import { buildTaskMetricsJson, evaluateTaskPredictions } from '../evaluate/evaluate-task-predictions.js';
import { EvaluationError } from '../evaluate/evaluation-error.js';
import { runOnnxModel } from '../evaluate/run-onnx-model.js';
import { renderTaskCard } from '../report/card/render-task-card.js';
import { appendStepSummary } from '../report/step-summary.js';
import { writeBundleFiles } from '../report/write-bundle-files.js';
import { EVALUATION_FILE } from './evaluate-model.js';
import type { StepContext } from './step-context.js';

export interface EvaluateTaskModelResult {
  metrics: Record<string, number>;
  evaluation: TaskEvaluation;
  files: string[];
}

/**
 * Scores a multiclass or regression bundle's model.onnx (the file serving would load) on the test
 * split `modelship train` handed over, and writes metrics.json (DVC's flat numeric keys),
 * evaluation.json and card.md.
 * @throws EvaluationError when the inputs are binary ones or the model's output does not fit the task
 */
export async function evaluateTaskModel(
  ctx: StepContext,
  bundleDir: string,
  inputs: EvaluationInputs,
): Promise<EvaluateTaskModelResult> {
  const { task } = inputs;
  if (!task) {
    throw new EvaluationError('E_EVAL_INPUTS', 'these evaluation inputs are binary; evaluate them with evaluateBundle.', null);
  }
  const output = await runOnnxModel(join(bundleDir, BUNDLE_FILES.onnx), inputs.test.features);
  const expected = task.task === 'multiclass' ? (task.classes?.length ?? 0) : 1;
  if (output.width !== expected) {
    throw new EvaluationError(
      'E_EVAL_MODEL',
      `${bundleDir}/${BUNDLE_FILES.onnx} answers ${output.width} numbers per row; a ${task.task} model with this vocabulary answers ${expected}. Retrain with \`modelship train\`.`,
      output.width,
    );
  }
  const evaluation = evaluateTaskPredictions(
    task.task,
    {
      labels: task.test,
      outputs: output.values,
      trainLabels: task.train,
      features: { train: inputs.train.features, test: inputs.test.features },
    },
    task.classes,
  );
  const metrics = buildTaskMetricsJson(evaluation);
  // A gate decision belongs to the metrics it judged: new metrics need a new decision.
  rmSync(join(bundleDir, BUNDLE_FILES.gate), { force: true });
  const features = readInputColumns(bundleDir);
  const card = renderTaskCard({ name: ctx.params.model.name, target: ctx.params.data.target, features, evaluation });
  const files = writeBundleFiles(bundleDir, {
    [BUNDLE_FILES.metrics]: `${JSON.stringify(metrics, null, 2)}\n`,
    [EVALUATION_FILE]: `${JSON.stringify(evaluation, null, 2)}\n`,
    [BUNDLE_FILES.card]: card,
  });
  appendStepSummary(card);
  const headline = Object.entries(metrics)
    .filter(([key]) => !key.startsWith('baseline_') && key !== 'test_rows')
    .map(([key, value]) => `${key} ${value.toFixed(4)}`)
    .join(', ');
  ctx.log(`evaluate: network ${headline}; wrote ${files.length} files to ${bundleDir}`);
  return { metrics, evaluation, files };
}

// --- internal ---

// The raw feature columns the card names, from the bundle's own input schema (which also lists
// the id and ignored columns serving accepts).
function readInputColumns(bundleDir: string): string[] {
  const file = join(bundleDir, BUNDLE_FILES.inputSchema);
  if (!existsSync(file)) return [];
  const schema = JSON.parse(readFileSync(file, 'utf8')) as {
    columns?: { name: string; role?: string }[];
  };
  return (schema.columns ?? []).filter((c) => c.role === 'feature').map((c) => c.name);
}
