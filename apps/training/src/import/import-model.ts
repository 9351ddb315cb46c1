import { join, relative } from 'node:path';
import type { Task } from '@modelship/core';
import { hashFile } from '@modelship/data-versioning';
import type { FeatureSpec, RawRow } from '@modelship/features';
import { transformRows } from '@modelship/features';
import { BUNDLE_FILES, type ImportedModelSource } from '@modelship/model-bundle';
import { DEFAULT_PATHS, resolveFromRoot } from '@modelship/params';
import { writeFile } from 'node:fs/promises';
import { writeBundleInputs, writeJson } from '../bundle/write-bundle-inputs.js';
import { loadTaskDataset } from '../data/load-task-dataset.js';
import { selectLabels, selectRows } from '../data/select-rows.js';
import { runOnnxModel } from '../evaluate/run-onnx-model.js';
import {
  EVALUATION_SCHEMA_FILE,
  locateEvaluationInputs,
  writeEvaluationInputs,
} from '../evaluate/evaluation-inputs.js';
import { countSplit, describeTarget, splitForTask } from '../steps/_task-training.js';
import { buildEvaluationInputs, withImportedData } from './_import-hand-over.js';
import {
  checkAnswers,
  checkEnoughRows,
  ignoreColumns,
  transformSample,
  withVocabulary,
} from './_import-sample.js';

export { MIN_LABELLED_ROWS } from './_import-sample.js';
import type { StepContext } from '../steps/step-context.js';
import { TRAIN_RESULT_FILE, type TrainModelOutput } from '../steps/train-model.js';
import type { TrainResult } from '../steps/train-result.js';
import { bindModelInputs } from './bind-model-inputs.js';
import { ImportError } from './import-error.js';
import { buildImportedSpec } from './build-imported-spec.js';
import { loadOnnxSession } from './load-onnx-session.js';
import type { OutputPlan } from './plan-model-outputs.js';
import { chooseActivation, planModelOutputs } from './plan-model-outputs.js';
import { proveRewrite } from './prove-rewrite.js';
import { readImportSchema } from './read-import-schema.js';
import type { OnnxModelDescription } from './read-onnx-model.js';
import { formatValueType, readOnnxModel } from './read-onnx-model.js';
import type { ImportClasses } from './resolve-import-classes.js';
import { resolveImportClasses } from './resolve-import-classes.js';
import { rewriteModelOutputs } from './rewrite-model-outputs.js';

export interface ImportModelOptions {
  /** The ONNX file, relative to the workspace root (or absolute). */
  modelPath: string;
  /** The labelled sample (CSV), relative to the workspace root (or absolute). */
  dataPath: string;
  /** The column the model predicts. */
  target: string;
  /** @default the written schema's target kind, or proposed from the target's values */
  task?: Task;
  /** The dataset schema; inferred from the sample when absent. */
  schemaPath?: string;
  /** A binary target's positive class. @default the schema's, or the kit's rule (1, yes, true...) */
  positive?: string;
  /** The model's classes in its output order, for outputs whose graph names none (PyTorch). */
  classes?: string[];
  /**
   * A classifier whose output is logits (a network exported without its last activation):
   * import appends Sigmoid (one column) or Softmax (K columns) and proves it.
   */
  logits?: boolean;
  /** @default DEFAULT_PATHS.bundle */
  bundleDir?: string;
}

/** What `importModel` answers: a trained model's output, and the context later steps run in. */
export interface ImportModelOutput extends TrainModelOutput {
  /**
   * The step context with params.yaml's `data` and `task` pointed at the sample and the schema
   * the model was measured with, for the evaluate, gate and register steps that follow.
   */
  ctx: StepContext;
}

/**
 * Builds a bundle from a model exported to ONNX elsewhere and a labelled sample: reads the
 * model, opens it in onnxruntime-node as given, maps the sample's columns to its inputs,
 * rewrites its outputs to the kit's one output and proves the rewrite changed no number, then
 * writes the bundle folder as `trainModel` does (model.onnx, feature-spec.json with the model's
 * input bindings, input-schema.json, reference-stats.json, train-result.json with
 * `modelType: 'imported'`) and the evaluation inputs, so evaluate, gate and register work on it
 * unchanged. Every refusal is an ImportError raised before anything is written.
 */
export async function importModel(
  ctx: StepContext,
  options: ImportModelOptions,
): Promise<ImportModelOutput> {
  const started = performance.now();
  const modelFile = resolveFromRoot(ctx.root, options.modelPath);
  const dataFile = resolveFromRoot(ctx.root, options.dataPath);
  const model = readOnnxModel(modelFile);
  const original = await loadOnnxSession(modelFile);
  try {
    const {
      schema: declared,
      task,
      inferred,
    } = await readImportSchema(dataFile, {
      schemaFile:
        options.schemaPath === undefined
          ? undefined
          : resolveFromRoot(ctx.root, options.schemaPath),
      target: options.target,
      task: options.task,
      positive: options.positive,
    });
    const plan = planModelOutputs(model, task);
    const activation = readActivation(plan, options.logits === true, modelFile);
    const binding = bindModelInputs(model, declared, { schemaInferred: inferred });
    const schema = ignoreColumns(declared, binding.unused);
    if (binding.unused.length > 0)
      ctx.log(
        `import: the model takes no input for ${binding.unused.join(', ')}; left out as "ignore"`,
      );
    const loadedDataset = await loadTaskDataset(dataFile, schema, task);
    checkEnoughRows(loadedDataset, dataFile);
    const classes =
      plan.task === 'regression'
        ? null
        : resolveImportClasses({
            task: plan.task,
            file: modelFile,
            source: plan.source,
            graphLabels: plan.classLabels,
            declared: options.classes,
            dataClasses: loadedDataset.classes ?? [],
          });
    const dataset = withVocabulary(loadedDataset, classes);
    const spec = buildImportedSpec(schema, binding, dataset.rows, model);
    const loaded = performance.now();

    const { bytes, rewrites } = rewriteModelOutputs(model, plan, classes, activation);
    const sample = transformSample(spec, dataset.rows, dataFile, binding);
    const proof = await proveRewrite({
      file: modelFile,
      plan,
      classes: classes?.classes ?? null,
      columns: classes?.columns ?? [0],
      labelTexts: readLabelTexts(plan, classes),
      original,
      activation,
      rewritten: bytes,
      features: sample,
      spec,
    });
    checkAnswers(proof.outputs, proof.width, sample, spec, dataFile);
    for (const line of [...rewrites, ...proof.checks]) ctx.log(`import: ${line}`);
    const proved = performance.now();

    // Split as training would the same rows: by the classes the sample holds.
    const split = splitForTask(loadedDataset, ctx.params.split);
    const trainRows = selectRows(dataset.rows, split.train);
    const bundleDir = resolveFromRoot(ctx.root, options.bundleDir ?? DEFAULT_PATHS.bundle);
    await writeBundleInputs(bundleDir, {
      schema,
      spec,
      target: options.target,
      trainRows,
      predictions: {
        task: dataset,
        outputs: selectOutputs(proof.outputs, proof.width, split.train),
      },
      bins: ctx.params.drift?.bins ?? 10,
    });
    await writeFile(join(bundleDir, BUNDLE_FILES.onnx), bytes);
    const evaluationDir = locateEvaluationInputs(bundleDir);
    const evaluationInputs = buildEvaluationInputs(ctx, schema, dataset, split);
    writeEvaluationInputs(evaluationDir, evaluationInputs);
    const schemaFile = join(evaluationDir, EVALUATION_SCHEMA_FILE);
    await writeJson(schemaFile, schema);
    const finished = performance.now();

    const { md5 } = await hashFile(dataFile);
    const result: TrainResult = {
      modelType: 'imported',
      model: {
        type: 'imported',
        file: options.modelPath,
        producer: describeProducer(model),
        rewrites,
        proof: proof.checks,
        proofRows: dataset.rows.length,
      },
      libraries: { node: process.versions.node },
      ...describeTarget(dataset),
      rows: dataset.rows.length,
      split: countSplit(split),
      features: spec.width,
      timings: {
        loadSeconds: seconds(started, loaded),
        featuresSeconds: 0,
        trainSeconds: 0,
        exportSeconds: seconds(loaded, proved),
        totalSeconds: seconds(started, finished),
      },
      data: { path: options.dataPath, md5 },
      imported: describeImportedSource(model, options.modelPath, rewrites),
    };
    await writeJson(join(bundleDir, TRAIN_RESULT_FILE), result);
    ctx.log(
      `import: wrote ${bundleDir} in ${result.timings.totalSeconds.toFixed(1)}s (${dataset.rows.length} rows, ${spec.width} columns into ${spec.modelInputs?.length ?? 0} inputs)`,
    );

    const testRows = selectRows(dataset.rows, split.test);
    const importCtx = withImportedData(ctx, options, relative(ctx.root, schemaFile), task);
    return {
      bundleDir,
      featureSpec: spec,
      result,
      test: { rows: testRows, labels: selectLabels(dataset.labels, split.test) },
      task: { task: dataset.task, classes: dataset.classes },
      evaluationInputs,
      predict: (rows) => predictImported(join(bundleDir, BUNDLE_FILES.onnx), spec, rows),
      ctx: importCtx,
    };
  } finally {
    await original.release();
  }
}

// --- internal ---

// `--logits` fits a classifier whose output is a tensor of scores, never a regressor or the
// probabilities a ZipMap takes.
function readActivation(plan: OutputPlan, logits: boolean, file: string) {
  if (!logits) return null;
  if (plan.task === 'regression' || plan.zipMap)
    throw new ImportError({
      code: 'E_IMPORT_OUTPUTS',
      file,
      problem:
        plan.task === 'regression'
          ? "--logits turns a classifier's scores into probabilities, and this is a regression task"
          : `--logits was given, and the model's "${plan.source.name}" feeds a ZipMap: it already is probabilities`,
      fix: 'import without --logits',
    });
  return chooseActivation(plan.source.width);
}

// The label the original model's label output gives for each class.
function readLabelTexts(
  plan: OutputPlan,
  classes: ImportClasses | null,
): Map<string, string> | null {
  if (plan.task === 'regression' || !classes?.modelLabels) return null;
  const graph = plan.classLabels ?? classes.modelLabels;
  return new Map(classes.modelLabels.map((name, i) => [name, graph[i] ?? name]));
}

function selectOutputs(
  outputs: Float32Array,
  width: number,
  rows: ArrayLike<number>,
): Float32Array {
  const selected = new Float32Array(rows.length * width);
  for (let i = 0; i < rows.length; i++)
    selected.set(
      outputs.subarray((rows[i] as number) * width, ((rows[i] as number) + 1) * width),
      i * width,
    );
  return selected;
}

async function predictImported(
  modelFile: string,
  spec: FeatureSpec,
  rows: readonly RawRow[],
): Promise<Float32Array> {
  const matrix = transformRows(spec, rows);
  const { values } = await runOnnxModel(
    modelFile,
    { rows: matrix.rows, columns: matrix.width, values: matrix.data },
    spec,
  );
  return values;
}

function describeImportedSource(
  model: OnnxModelDescription,
  file: string,
  rewrites: string[],
): ImportedModelSource {
  return {
    file,
    sha256: model.sha256,
    producer: model.producer,
    opsets: model.opsets,
    inputs: model.inputs.map((input) => ({
      name: input.name,
      elementType:
        input.type.kind === 'tensor' ? input.type.elementType : formatValueType(input.type),
      shape: input.type.kind === 'tensor' ? (input.type.shape ?? []) : [],
    })),
    rewrites,
  };
}

function describeProducer(model: OnnxModelDescription): string {
  const { name, version } = model.producer;
  return name === '' ? 'unknown producer' : `${name}${version ? ` ${version}` : ''}`;
}

function seconds(from: number, to: number): number {
  return Math.round(to - from) / 1000;
}
