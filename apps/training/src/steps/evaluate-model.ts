import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLE_FILES } from '@modelship/model-bundle';
import type { FeatureMatrix } from '../baseline/feature-matrix.js';
import { runBaselines, type BaselineInput } from '../baseline/run-baselines.js';
import { readEvaluateThreshold, resolveFromRoot } from '@modelship/params';
import { EvaluationError } from '../evaluate/evaluation-error.js';
import { locateEvaluationSchema } from '../evaluate/evaluation-inputs.js';
import { evaluatePredictions } from '../evaluate/evaluate-predictions.js';
import {
  buildEvaluationJson,
  buildMetricsJson,
  type EvaluationResult,
} from '../evaluate/metrics-files.js';
import {
  computeSliceMetrics,
  selectSliceColumns,
  type RawRow,
  type SliceSchema,
} from '../evaluate/slices.js';
import type { ModelCardInput, TrainingSummary } from '../report/card/card-input.js';
import { labelModelColumn } from '../report/describe-model-run.js';
import { renderModelCard } from '../report/card/render-card.js';
import { readDataVersion } from '../report/read-data-version.js';
import { readTrainingSummary } from '../report/read-training-summary.js';
import { PLOT_FILES, renderEvaluationPlots } from '../report/render-plots.js';
import { appendStepSummary } from '../report/step-summary.js';
import { writeBundleFiles } from '../report/write-bundle-files.js';
import type { StepContext } from './step-context.js';

/** The evaluation.json file beside metrics.json: curves, calibration, slices. */
export const EVALUATION_FILE = 'evaluation.json';

export interface EvaluateModelInput {
  bundleDir: string;
  /** The held-out test split, in one order across all fields. */
  test: {
    rows: readonly RawRow[];
    labels: ArrayLike<number>;
    probabilities: ArrayLike<number>;
    /** The transformed features, for the baselines. */
    features: FeatureMatrix;
  };
  /** The transformed training features and labels the baselines learn from. */
  baselineInput: BaselineInput;
}

export interface EvaluateModelResult {
  /** metrics.json as written. */
  metrics: Record<string, unknown>;
  result: EvaluationResult;
  /** Files written, relative to the bundle. */
  files: string[];
}

/**
 * Scores the network and its baselines on the test split and writes metrics.json,
 * evaluation.json, plots/*.svg and card.md into the bundle (and the card to the CI summary).
 */
export function evaluateModel(ctx: StepContext, input: EvaluateModelInput): EvaluateModelResult {
  const { params } = ctx;
  const threshold = readEvaluateThreshold(params);
  const schema = readSchema(locateEvaluationSchema(input.bundleDir, resolveFromRoot(ctx.root, params.data.schema)));
  const { test } = input;

  const network = evaluatePredictions(test.labels, test.probabilities, { threshold });
  const baselines = runBaselines(input.baselineInput, test.features).map((b) => ({
    id: b.id,
    label: b.label,
    detail: b.detail,
    evaluation: evaluatePredictions(test.labels, b.probabilities, { threshold }),
  }));
  const sliceColumns = selectSliceColumns(schema);
  const slices = computeSliceMetrics(
    test.rows,
    test.labels,
    test.probabilities,
    sliceColumns,
    threshold,
    schema.missingValues,
  );
  const result: EvaluationResult = { network, baselines, slices };
  const metrics = buildMetricsJson(result);

  const training = readTrainingSummary(input.bundleDir);
  const model = labelModelColumn(training?.model ?? null);
  // The majority class is a single point on every curve, so only the learned baseline is plotted.
  const plotted = [
    { label: model, evaluation: network },
    ...baselines.filter((b) => b.id !== 'majority_class'),
  ];
  const card = buildCardInput(ctx, input.bundleDir, schema, result, training);
  // A gate decision belongs to the metrics it judged: new metrics need a new decision.
  rmSync(join(input.bundleDir, BUNDLE_FILES.gate), { force: true });
  const files = writeBundleFiles(input.bundleDir, {
    [BUNDLE_FILES.metrics]: `${JSON.stringify(metrics, null, 2)}\n`,
    [EVALUATION_FILE]: `${JSON.stringify(buildEvaluationJson(result), null, 2)}\n`,
    ...renderEvaluationPlots(plotted),
    [BUNDLE_FILES.card]: renderModelCard(card),
  });
  if (appendStepSummary(renderModelCard(card, { plots: false })))
    ctx.log('Model card appended to the job summary.');

  const lines = [
    `${model.toLowerCase()} ROC AUC ${fmt(network.metrics.roc_auc)}, PR AUC ${fmt(network.metrics.pr_auc)}, log loss ${fmt(network.metrics.log_loss)}`,
  ];
  for (const b of baselines)
    lines.push(
      `${b.label.toLowerCase()} ROC AUC ${fmt(b.evaluation.metrics.roc_auc)}, PR AUC ${fmt(b.evaluation.metrics.pr_auc)}`,
    );
  lines.push(
    `sliced by ${sliceColumns.length} categorical feature(s); wrote ${files.length} files to ${input.bundleDir}`,
  );
  lines.forEach((line) => ctx.log(`evaluate: ${line}`));
  return { metrics, result, files };
}

// --- internal ---

interface EvaluationSchema extends SliceSchema {
  target?: { column?: string; positive?: string };
}

function readSchema(file: string): EvaluationSchema {
  if (!existsSync(file)) {
    throw new EvaluationError(
      'E_EVAL_SCHEMA',
      `${file} not found: set data.schema in params.yaml, or infer one with \`modelship schema infer\`.`,
      file,
    );
  }
  return JSON.parse(readFileSync(file, 'utf8')) as EvaluationSchema;
}

function buildCardInput(
  ctx: StepContext,
  bundleDir: string,
  schema: EvaluationSchema,
  evaluation: EvaluationResult,
  training: TrainingSummary | null,
): ModelCardInput {
  const { params } = ctx;
  const metadataFile = join(bundleDir, BUNDLE_FILES.metadata);
  const createdAt = existsSync(metadataFile)
    ? ((JSON.parse(readFileSync(metadataFile, 'utf8')) as { createdAt?: string }).createdAt ??
      new Date().toISOString())
    : new Date().toISOString();
  return {
    name: params.model.name,
    createdAt,
    data: readDataVersion(bundleDir, {
      root: ctx.root,
      path: params.data.path,
      dvc: params.data.dvc,
    }),
    target: {
      column: schema.target?.column ?? params.data.target,
      positive: schema.target?.positive ?? null,
    },
    params: { model: params.model, split: params.split, evaluate: params.evaluate },
    features: schema.columns.filter((c) => c.role === 'feature').map((c) => c.name),
    training,
    evaluation,
    gate: null,
    plots: {
      roc: PLOT_FILES.roc,
      pr: PLOT_FILES.pr,
      confusion: PLOT_FILES.confusion,
      calibration: PLOT_FILES.calibration,
    },
  };
}

function fmt(value: number): string {
  return Number.isFinite(value) ? value.toFixed(4) : 'n/a';
}
