import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { ImportError } from './import-error.js';
import { loadOnnxSession } from './load-onnx-session.js';
import type { OutputPlan } from './plan-model-outputs.js';

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
  /** The rewritten model's bytes. */
  rewritten: Uint8Array;
  feeds: Record<string, Tensor>;
}

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
 * or the positive probability above 0.5), exact ties aside.
 * @throws ImportError `E_IMPORT_REWRITE` naming the first row that differs
 */
export async function proveRewrite(input: ProveRewriteInput): Promise<RewriteProof> {
  const { plan, original, feeds } = input;
  const rewritten = await loadOnnxSession(input.file, input.rewritten);
  let answer: Tensor;
  try {
    const results = await rewritten.run(feeds);
    answer = results[rewritten.outputNames[0] ?? ''] as Tensor;
  } finally {
    await rewritten.release();
  }
  const outputs = answer.data as Float32Array;
  const width = Number(answer.dims[1] ?? 1);
  const rows = width === 0 ? 0 : outputs.length / width;
  const labels = plan.task === 'regression' ? null : plan.labels;
  const fetches = [
    ...(plan.source.exposed ? [plan.source.name] : []),
    ...(labels ? [labels.name] : []),
  ];
  const checks: string[] = [];
  if (fetches.length === 0) {
    checks.push(
      `not compared: the original model exposes no tensor output beside what onnxruntime-node cannot return`,
    );
    return { outputs, width, checks };
  }
  const expected = await original.run(feeds, fetches);
  const fail = (row: number, problem: string): never => {
    throw new ImportError({
      code: 'E_IMPORT_REWRITE',
      file: input.file,
      problem: `the rewritten model disagrees with the original on sample row ${row + 1}: ${problem}`,
      fix: 'report this model to the modelship maintainers; meanwhile export it with its probabilities as a tensor output',
    });
  };
  if (plan.source.exposed) {
    const source = expected[plan.source.name] as Tensor;
    const values = source.data as Float32Array | Float64Array;
    const sourceWidth = values.length / Math.max(rows, 1);
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < width; j++) {
        const want = Math.fround(values[r * sourceWidth + (input.columns[j] ?? j)] as number);
        const got = outputs[r * width + j] as number;
        if (!(want === got || (Number.isNaN(want) && Number.isNaN(got)))) {
          fail(
            r,
            `output column ${j} is ${got}, the original's "${plan.source.name}" gives ${want}`,
          );
        }
      }
    }
    checks.push(`"${plan.source.name}": all ${rows} rows equal to the bit (as float32)`);
  }
  if (labels && input.classes && input.labelTexts) {
    const texts = input.labelTexts;
    const tensor = expected[labels.name] as Tensor;
    const given = Array.from(tensor.data as ArrayLike<unknown>, (value) => String(value));
    let ties = 0;
    for (let r = 0; r < rows; r++) {
      const decidedClass = decide(outputs, r, width, input.classes);
      const decided = decidedClass === null ? null : (texts.get(decidedClass) ?? decidedClass);
      if (decided === null) {
        ties++;
        continue;
      }
      if (given[r] !== decided)
        fail(
          r,
          `the original's label "${labels.name}" is "${given[r]}", the rewritten probabilities decide "${decided}"`,
        );
    }
    checks.push(
      `"${labels.name}": all ${rows - ties} rows equal the ${plan.task === 'binary' ? 'positive probability > 0.5' : 'argmax'} decision${ties > 0 ? ` (${ties} exact ties not compared)` : ''}`,
    );
  }
  return { outputs, width, checks };
}

// --- internal ---

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
