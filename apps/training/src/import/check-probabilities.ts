import { ImportError } from './import-error.js';
import type { LogitActivation } from './plan-model-outputs.js';

/** How far a probability may stray outside [0, 1], and a row of K from summing to 1. */
const VALUE_TOLERANCE = 1e-6;
const SUM_TOLERANCE = 1e-3;

/**
 * A classifier's answers must be probabilities: every value in [0, 1] and, for a row of two or
 * more classes, a sum of 1. A network exported without its last Sigmoid or Softmax answers
 * logits, which the kit would otherwise serve as probabilities (a silent wrong answer).
 * @throws ImportError `E_IMPORT_OUTPUTS` naming the tensor, the sample row and the value
 */
export function checkProbabilities(input: {
  file: string;
  /** The tensor the values come from, as the model names it. */
  name: string;
  values: ArrayLike<number>;
  width: number;
  /** Sample row of the first value (the proof runs in batches). */
  start: number;
}): void {
  const { values, width } = input;
  const rows = Math.floor(values.length / Math.max(width, 1));
  for (let r = 0; r < rows; r++) {
    let sum = 0;
    for (let j = 0; j < width; j++) {
      const value = values[r * width + j] as number;
      // NaN is the sample's problem, refused with its row and columns elsewhere.
      if (Number.isNaN(value)) {
        sum = Number.NaN;
        continue;
      }
      if (value < -VALUE_TOLERANCE || value > 1 + VALUE_TOLERANCE)
        refuse(input, r, `column ${j} is ${value}, outside [0, 1]`);
      sum += value;
    }
    if (width > 1 && Math.abs(sum - 1) > SUM_TOLERANCE)
      refuse(input, r, `its ${width} columns sum to ${sum}, not 1`);
  }
}

/** Whether every row of `values` already is probabilities (what `--logits` must not be given). */
export function isProbabilities(values: ArrayLike<number>, width: number): boolean {
  try {
    checkProbabilities({ file: '', name: '', values, width, start: 0 });
    return true;
  } catch {
    return false;
  }
}

/** The activation applied to one row of logits, in float64 (the proof's reference). */
export function activate(
  activation: LogitActivation,
  logits: ArrayLike<number>,
  offset: number,
  width: number,
): number[] {
  if (activation === 'Sigmoid')
    return Array.from(
      { length: width },
      (_, j) => 1 / (1 + Math.exp(-(logits[offset + j] as number))),
    );
  let max = -Infinity;
  for (let j = 0; j < width; j++) max = Math.max(max, logits[offset + j] as number);
  const exps = Array.from({ length: width }, (_, j) =>
    Math.exp((logits[offset + j] as number) - max),
  );
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((value) => value / total);
}

// --- internal ---

function refuse(
  input: { file: string; name: string; start: number },
  row: number,
  problem: string,
): never {
  throw new ImportError({
    code: 'E_IMPORT_OUTPUTS',
    file: input.file,
    problem: `the classifier's output "${input.name}" is not probabilities: for sample row ${input.start + row + 1} ${problem} (logits?)`,
    fix: 'pass --logits to have import append the Sigmoid or Softmax, or export the model with it (PyTorch: end the exported module with torch.softmax or torch.sigmoid)',
  });
}
