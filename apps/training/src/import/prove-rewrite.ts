import type { ModelFeedSpec } from '@modelship/features';
import type { InferenceSession, Tensor } from 'onnxruntime-node';
import type { FeatureMatrix } from '../baseline/feature-matrix.js';
import { createOnnxFeeds } from '../evaluate/create-onnx-feeds.js';
import { ImportError } from './import-error.js';
import { loadOnnxSession } from './load-onnx-session.js';
import { activate, checkProbabilities, isProbabilities } from './check-probabilities.js';
import type { LogitActivation, OutputPlan } from './plan-model-outputs.js';

export interface ProveRewriteInput {
  file: string;
  plan: OutputPlan;
  /** Binary [negative, positive] or the multiclass vocabulary; null for regression. */
  classes: readonly string[] | null;
  /** The source tensor's column behind each output column (binary [positive]; regression [0]). */
  columns: readonly number[];
  /**
   * Each class's label as the original's label output spells it (the graph's labels may differ
   * from the names `--classes` gives); null when unknown, and the labels are then not compared.
   */
  labelTexts: ReadonlyMap<string, string> | null;
  original: InferenceSession;
  /** The activation the rewrite appended to the source (`--logits`), or null. */
  activation?: LogitActivation | null;
  /** The rewritten model's bytes. */
  rewritten: Uint8Array;
  /** The sample as the imported feature spec made it, and that spec (the models' inputs). */
  features: FeatureMatrix;
  spec: ModelFeedSpec;
  /** Rows run at once. @default PROOF_BATCH_ROWS */
  batchRows?: number;
}

/** How far an output may be from the activation of the original's logits (float32 against float64). */
export const ACTIVATION_TOLERANCE = 2e-6;

/** Rows run at once: a large sample is proved in batches, in bounded memory. */
export const PROOF_BATCH_ROWS = 50_000;

/** The rewritten model's answers on the sample, and what was compared with the original's. */
export interface RewriteProof {
  outputs: Float32Array;
  width: number;
  /** One line per comparison, for train-result.json and the card. */
  checks: string[];
}

/**
 * Runs the original model (fetching only tensors: onnxruntime-node cannot return a ZipMap's
 * sequence of maps) and the rewritten one on the same rows, and proves the rewrite changed no
 * number: where the original exposes the source tensor, every output equals its float32 value
 * to the bit; where it gives labels, each equals the rewritten answer's decision (the argmax,
 * or the positive probability above 0.5), exact ties aside. With `--logits`, each output equals
 * the activation of the original's logits, computed here in float64, within ACTIVATION_TOLERANCE.
 * A classifier's answers, and an exposed source of probabilities, must be probabilities.
 * @throws ImportError `E_IMPORT_REWRITE` naming the first row that differs
 * @throws ImportError `E_IMPORT_OUTPUTS` when a classifier answers values that are no probabilities
 */
export async function proveRewrite(input: ProveRewriteInput): Promise<RewriteProof> {
  const { plan, features } = input;
  const labels = plan.task === 'regression' ? null : plan.labels;
  const fetches = [
    ...(plan.source.exposed ? [plan.source.name] : []),
    ...(labels ? [labels.name] : []),
  ];
  const rewritten = await loadOnnxSession(input.file, input.rewritten);
  let outputs = new Float32Array(0);
  let width = 1;
  let ties = 0;
  try {
    const batchRows = input.batchRows ?? PROOF_BATCH_ROWS;
    for (let start = 0; start < features.rows; start += batchRows) {
      const rows = Math.min(batchRows, features.rows - start);
      const feeds = await createOnnxFeeds(input.spec, sliceRows(features, start, rows), '');
      const answer = (await rewritten.run(feeds))[rewritten.outputNames[0] ?? ''] as Tensor;
      width = Number(answer.dims[1] ?? 1);
      if (start === 0) outputs = new Float32Array(features.rows * width);
      const batch = answer.data as Float32Array;
      outputs.set(batch, start * width);
      if (plan.task !== 'regression')
        checkProbabilities({
          file: input.file,
          name: plan.source.name,
          values: batch,
          width,
          start,
        });
      if (fetches.length === 0) continue;
      const expected = await input.original.run(feeds, fetches);
      if (plan.source.exposed) compareSource(input, expected, batch, width, start);
      if (labels) ties += compareLabels(input, labels.name, expected, batch, width, start);
    }
  } finally {
    await rewritten.release();
  }
  return { outputs, width, checks: describeChecks(input, features.rows, ties) };
}

// --- internal ---

type Fetched = Record<string, Tensor>;

function fail(file: string, row: number, problem: string): never {
  throw new ImportError({
    code: 'E_IMPORT_REWRITE',
    file,
    problem: `the rewritten model disagrees with the original on sample row ${row + 1}: ${problem}`,
    fix: 'report this model to the modelship maintainers; meanwhile export it with its probabilities as a tensor output',
  });
}

// Every output equals the original source tensor's column behind it, as float32, to the bit.
function compareSource(
  input: ProveRewriteInput,
  expected: Fetched,
  batch: Float32Array,
  width: number,
  start: number,
): void {
  const { plan, file, activation } = input;
  const name = plan.source.name;
  const values = (expected[name] as Tensor).data as Float32Array | Float64Array;
  const rows = batch.length / width;
  const sourceWidth = values.length / Math.max(rows, 1);
  // A binary model's two columns of probabilities must be such, though one is kept.
  if (plan.task !== 'regression' && !activation)
    checkProbabilities({ file, name, values, width: sourceWidth, start });
  if (activation && start === 0 && isProbabilities(values, sourceWidth))
    throw new ImportError({
      code: 'E_IMPORT_OUTPUTS',
      file,
      problem: `--logits was given, and every row of "${name}" already is probabilities`,
      fix: 'import without --logits',
    });
  for (let r = 0; r < rows; r++) {
    const activated = activation
      ? activate(activation, values, r * sourceWidth, sourceWidth)
      : null;
    for (let j = 0; j < width; j++) {
      const column = input.columns[j] ?? j;
      const got = batch[r * width + j] as number;
      if (activated) {
        const want = activated[column] as number;
        if (!(Math.abs(want - got) <= ACTIVATION_TOLERANCE))
          fail(
            file,
            start + r,
            `output column ${j} is ${got}, the ${activation} of the original's "${name}" gives ${want}`,
          );
        continue;
      }
      const want = Math.fround(values[r * sourceWidth + column] as number);
      if (!(want === got || (Number.isNaN(want) && Number.isNaN(got))))
        fail(
          file,
          start + r,
          `output column ${j} is ${got}, the original's "${name}" gives ${want}`,
        );
    }
  }
}

// Every label of the original equals the rewritten answer's decision; answers the ties skipped.
function compareLabels(
  input: ProveRewriteInput,
  name: string,
  expected: Fetched,
  batch: Float32Array,
  width: number,
  start: number,
): number {
  const { classes, labelTexts } = input;
  if (!classes || !labelTexts) return 0;
  const given = Array.from((expected[name] as Tensor).data as ArrayLike<unknown>, (value) =>
    String(value),
  );
  let ties = 0;
  for (let r = 0; r < batch.length / width; r++) {
    const decidedClass = decide(batch, r, width, classes);
    if (decidedClass === null) {
      ties++;
      continue;
    }
    const decided = labelTexts.get(decidedClass) ?? decidedClass;
    if (given[r] !== decided)
      fail(
        input.file,
        start + r,
        `the original's label "${name}" is "${given[r]}", the rewritten probabilities decide "${decided}"`,
      );
  }
  return ties;
}

function describeChecks(input: ProveRewriteInput, rows: number, ties: number): string[] {
  const { plan } = input;
  const labels = plan.task === 'regression' ? null : plan.labels;
  const checks: string[] = [];
  if (plan.source.exposed)
    checks.push(
      input.activation
        ? `"${plan.source.name}": all ${rows} rows equal its ${input.activation} within ${ACTIVATION_TOLERANCE}`
        : `"${plan.source.name}": all ${rows} rows equal to the bit (as float32)`,
    );
  if (labels && input.classes && input.labelTexts) {
    const rule = plan.task === 'binary' ? 'positive probability > 0.5' : 'argmax';
    checks.push(
      `"${labels.name}": all ${rows - ties} rows equal the ${rule} decision${ties > 0 ? ` (${ties} exact ties not compared)` : ''}`,
    );
  }
  if (checks.length === 0)
    checks.push(
      'not compared: the original model exposes no tensor output beside what onnxruntime-node cannot return',
    );
  return checks;
}

function sliceRows(features: FeatureMatrix, start: number, rows: number): FeatureMatrix {
  const { columns, values } = features;
  const from = start * columns;
  const to = (start + rows) * columns;
  return {
    rows,
    columns,
    values:
      values instanceof Float32Array
        ? values.subarray(from, to)
        : Float32Array.from({ length: to - from }, (_, i) => values[from + i] as number),
  };
}

// The class the answer decides, or null for an exact tie the model may break either way (or NaN).
function decide(
  outputs: Float32Array,
  row: number,
  width: number,
  classes: readonly string[],
): string | null {
  if (width === 1) {
    const p = outputs[row] as number;
    // NaN decides nothing (import then refuses the row as E_IMPORT_NOT_A_NUMBER).
    if (p === 0.5 || Number.isNaN(p)) return null;
    return (p > 0.5 ? classes[1] : classes[0]) ?? null;
  }
  let best = 0;
  let tie = false;
  for (let j = 1; j < width; j++) {
    const value = outputs[row * width + j] as number;
    const top = outputs[row * width + best] as number;
    if (Number.isNaN(value) || Number.isNaN(top)) return null;
    if (value > top) {
      best = j;
      tie = false;
    } else if (value === top) tie = true;
  }
  return tie ? null : (classes[best] ?? null);
}
