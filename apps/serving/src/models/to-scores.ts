import type { ModelOutputFault } from '../http/serving-error.js';
import { InferenceError, ModelOutputError } from '../http/serving-error.js';
import type { ModelVersion } from './model-version.js';
import type { Scores } from './scores.js';

const PROBABILITY = 'a probability in [0, 1]';
const FINITE = 'a finite number';

/**
 * The model's row-major output for `rows` rows as Scores for its task: binary labels by the
 * threshold, multiclass labels by argmax, regression values as they are. The output's arrays
 * are used as they are, never copied.
 * @throws ModelOutputError (422) when a probability is outside [0, 1] (or NaN), or a value is
 *   not finite, naming the first such row
 */
export function toScores(
  model: Pick<ModelVersion, 'key' | 'task' | 'classes' | 'threshold'>,
  output: Float32Array,
  rows: number,
): Scores {
  const empty = new Float32Array(0);
  const scores: Scores = {
    task: model.task,
    labels: new Uint16Array(0),
    probabilities: empty,
    classProbabilities: empty,
    values: empty,
  };
  const fault =
    model.task === 'regression'
      ? scoreValues(output, scores)
      : model.task === 'binary'
        ? scoreBinary(output, rows, model.threshold, scores)
        : scoreClasses(output, rows, model.classes, scores);
  if (fault) throw new ModelOutputError(model.key.name, model.key.version, fault);
  return scores;
}

// --- internal ---

function scoreBinary(
  output: Float32Array,
  rows: number,
  threshold: number,
  scores: Scores,
): ModelOutputFault | null {
  const labels = new Uint16Array(rows);
  for (let row = 0; row < rows; row++) {
    const score = output[row];
    if (!(score >= 0 && score <= 1)) return { row, score, expected: PROBABILITY };
    if (score >= threshold) labels[row] = 1;
  }
  scores.labels = labels;
  scores.probabilities = output;
  return null;
}

function scoreClasses(
  output: Float32Array,
  rows: number,
  classes: readonly string[],
  scores: Scores,
): ModelOutputFault | null {
  const width = classes.length;
  if (output.length !== rows * width) {
    throw new InferenceError(
      `The model answered ${output.length} probabilities for ${rows} row(s) of ${width} classes.`,
    );
  }
  const labels = new Uint16Array(rows);
  const probabilities = new Float32Array(rows);
  for (let row = 0; row < rows; row++) {
    let best = 0;
    for (let index = 0; index < width; index++) {
      const score = output[row * width + index];
      if (!(score >= 0 && score <= 1)) {
        return { row, score, className: classes[index], expected: PROBABILITY };
      }
      if (score > output[row * width + best]) best = index;
    }
    labels[row] = best;
    probabilities[row] = output[row * width + best];
  }
  scores.labels = labels;
  scores.probabilities = probabilities;
  scores.classProbabilities = output;
  return null;
}

function scoreValues(output: Float32Array, scores: Scores): ModelOutputFault | null {
  const row = output.findIndex((value) => !Number.isFinite(value));
  if (row >= 0) return { row, score: output[row], expected: FINITE };
  scores.values = output;
  return null;
}
