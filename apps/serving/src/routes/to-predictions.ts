import type {
  ClassPrediction,
  Prediction,
  RegressionPrediction,
} from '@modelship/serving-contract';
import { compileInstanceRules } from '../input/instance-rules.js';
import type { ModelVersion } from '../models/model-version.js';
import type { ServedPrediction } from '../models/predict-rows.js';

type EchoedIds = NonNullable<Prediction['id']>;

/**
 * The /predict answer per scored row, in the user's terms: a classifier's label as its class
 * text with its probability and every class's probability (binary: the positive class's
 * probability, as the threshold judged it), or a regression's value; beside the prediction id,
 * and the instance's `id` columns as it sent them.
 */
export function toPredictions(
  model: ModelVersion,
  served: ServedPrediction,
  instances: readonly unknown[],
): Prediction[] {
  const { ids } = compileInstanceRules(model.featureSpec, model.inputSchema);
  const answer = describeRow(model, served);
  return served.predictionIds.map((predictionId, row) => {
    const id = ids.length > 0 ? readEchoedIds(instances[row], ids) : null;
    return { predictionId, ...answer(row), ...(id ? { id } : {}) };
  });
}

// --- internal ---

type RowAnswer = (
  row: number,
) =>
  | Pick<ClassPrediction, 'label' | 'probability' | 'probabilities'>
  | Pick<RegressionPrediction, 'value'>;

function describeRow(model: ModelVersion, served: ServedPrediction): RowAnswer {
  const { scores } = served;
  const { classes } = model;
  if (scores.task === 'regression') return (row) => ({ value: scores.values[row] });
  if (scores.task === 'binary') {
    const [negative, positive] = classes;
    return (row) => {
      const probability = scores.probabilities[row];
      return {
        label: classes[scores.labels[row]],
        probability,
        probabilities: Object.fromEntries([
          [negative, 1 - probability],
          [positive, probability],
        ]),
      };
    };
  }
  const width = classes.length;
  return (row) => ({
    label: classes[scores.labels[row]],
    probability: scores.probabilities[row],
    probabilities: Object.fromEntries(
      classes.map((name, index) => [name, scores.classProbabilities[row * width + index]]),
    ),
  });
}

// Validation has run: an instance is an object of scalars.
function readEchoedIds(instance: unknown, ids: readonly string[]): EchoedIds | null {
  const row = instance as Record<string, EchoedIds[string] | undefined>;
  const present = ids.filter((column) => Object.hasOwn(row, column));
  if (present.length === 0) return null;
  return Object.fromEntries(present.map((column) => [column, row[column] ?? null]));
}
