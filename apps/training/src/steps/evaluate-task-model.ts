import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLE_FILES } from '@modelship/model-bundle';
import type { EvaluationInputs } from '../evaluate/evaluation-inputs.js';
import type { TaskEvaluation } from '../evaluate/evaluate-task-predictions.js';
import { buildTaskMetricsJson, evaluateTaskPredictions } from '../evaluate/evaluate-task-predictions.js';
import { EvaluationError } from '../evaluate/evaluation-error.js';
import { runOnnxModel } from '../evaluate/run-onnx-model.js';
import { readModelFeatures } from '../evaluate/read-model-features.js';
import { computeRegressionSliceMetrics } from '../evaluate/regression-slices.js';
import type { SliceSchema } from '../evaluate/slices.js';
import { selectSliceColumns } from '../evaluate/slices.js';
import type { TaskCardInput } from '../report/card/task-card-input.js';
import { renderTaskCard } from '../report/card/render-task-card.js';
import { readDataVersion } from '../report/read-data-version.js';
import { readTrainingSummary } from '../report/read-training-summary.js';
import { renderMulticlassPlots, renderRegressionPlots } from '../report/render-task-plots.js';
import { appendStepSummary } from '../report/step-summary.js';
import { writeBundleFiles } from '../report/write-bundle-files.js';
import { EVALUATION_FILE } from './evaluate-model.js';
import type { StepContext } from './step-context.js';
import type { TrainResult } from './train-result.js';

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
  const { features, spec } = readModelFeatures(bundleDir, inputs);
  const output = await runOnnxModel(join(bundleDir, BUNDLE_FILES.onnx), features, spec);
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
  const schema = readInputSchema(bundleDir);
  const slices =
    task.task === 'regression'
      ? computeRegressionSliceMetrics(inputs.test.rows, task.test, output.values, selectSliceColumns(schema), schema.missingValues)
      : {};
  const plots =
    evaluation.task === 'multiclass'
      ? renderMulticlassPlots(evaluation.network)
      : renderRegressionPlots(task.test, output.values, slices);
  const { params } = ctx;
  const cardInput: TaskCardInput = {
    name: params.model.name,
    target: readTargetColumn(bundleDir, params.data.target),
    createdAt: readCreatedAt(bundleDir),
    data: readDataVersion(bundleDir, { root: ctx.root, path: params.data.path, dvc: params.data.dvc }),
    training: readTrainingSummary(bundleDir),
    params: { task: params.task, model: params.model, split: params.split },
    features: schema.columns.filter((column) => column.role === 'feature').map((column) => column.name),
    evaluation,
    slices,
    plots: Object.keys(plots),
  };
  const card = renderTaskCard(cardInput);
  const files = writeBundleFiles(bundleDir, {
    [BUNDLE_FILES.metrics]: `${JSON.stringify(metrics, null, 2)}\n`,
    [EVALUATION_FILE]: `${JSON.stringify({ ...evaluation, slices }, null, 2)}\n`,
    [BUNDLE_FILES.card]: card,
    ...plots,
  });
  // The CI step summary cannot show the bundle's SVG files.
  appendStepSummary(renderTaskCard({ ...cardInput, plots: [] }));
  const headline = Object.entries(metrics)
    .filter(([key]) => !key.startsWith('baseline_') && key !== 'test_rows')
    .map(([key, value]) => `${key} ${value.toFixed(4)}`)
    .join(', ');
  ctx.log(`evaluate: model ${headline}; wrote ${files.length} files to ${bundleDir}`);
  return { metrics, evaluation, files };
}

// --- internal ---

// An imported bundle's target is the sample's, which params.yaml may not name (train-result.json
// is named here as in read-training-summary.ts, so evaluating never loads the training code).
function readTargetColumn(bundleDir: string, fallback: string): string {
  const file = join(bundleDir, 'train-result.json');
  if (!existsSync(file)) return fallback;
  return (JSON.parse(readFileSync(file, 'utf8')) as Partial<TrainResult>).target?.column ?? fallback;
}

function readCreatedAt(bundleDir: string): string {
  const file = join(bundleDir, BUNDLE_FILES.metadata);
  const metadata = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { createdAt?: string }) : {};
  return metadata.createdAt ?? new Date().toISOString();
}

// The bundle's own input schema: the feature columns the card names, and the slice columns (it
// may also list the id and ignored columns serving accepts).
function readInputSchema(bundleDir: string): SliceSchema {
  const file = join(bundleDir, BUNDLE_FILES.inputSchema);
  if (!existsSync(file)) return { columns: [] };
  const schema = JSON.parse(readFileSync(file, 'utf8')) as Partial<SliceSchema>;
  return { columns: schema.columns ?? [], ...(schema.missingValues ? { missingValues: schema.missingValues } : {}) };
}
