import type { Task } from '@modelship/core';
import type { RawRow } from '@modelship/features';
import { AcceptanceError } from './acceptance-error.js';

/** The live service's answers to the replayed instances, and how long each request took. */
export interface LiveAnswers {
  /**
   * Row-major, `width` numbers per row as the model's ONNX output holds them: the binary positive
   * probability, the multiclass probabilities in the bundle's class order, the regression value.
   * A number the answer lacks is NaN, so the comparison reports it.
   */
  values: Float64Array;
  width: number;
  /** The class text each answer gave (binary `0`/`1` from older services read through the classes); regression none. */
  labels: string[];
  /** Every model name and version that answered (one each when the service is consistent). */
  models: Set<string>;
  versions: Set<string>;
  /** Wall-clock time of each /predict request, in ms. */
  latenciesMs: number[];
}

/** What a prediction may hold per task (see the serving contract's /predict answers). */
interface Prediction {
  label?: unknown;
  probability?: unknown;
  probabilities?: unknown;
  value?: unknown;
}

interface PredictBatchResponse {
  model: string;
  version: string | number;
  predictions: Prediction[];
}

/** How to read the answers: the bundle's task and class vocabulary. */
export interface AnswerShape {
  task: Task;
  classes: readonly string[];
}

/**
 * Sends the instances to `POST <url>/predict` as `{"instances": [...]}` batches, one request at
 * a time (latency then measures the service, not the client's queue), and reads each answer for
 * the task.
 */
export async function replayHoldout(
  url: string,
  instances: readonly RawRow[],
  batchSize: number,
  shape: AnswerShape,
): Promise<LiveAnswers> {
  const width = shape.task === 'multiclass' ? shape.classes.length : 1;
  const answers: LiveAnswers = {
    values: new Float64Array(instances.length * width),
    width,
    labels: [],
    models: new Set(),
    versions: new Set(),
    latenciesMs: [],
  };
  const endpoint = `${url.replace(/\/+$/, '')}/predict`;
  for (let start = 0; start < instances.length; start += batchSize) {
    const batch = instances.slice(start, start + batchSize);
    const began = performance.now();
    const body = await postBatch(endpoint, batch, start);
    answers.latenciesMs.push(performance.now() - began);
    if (!Array.isArray(body.predictions) || body.predictions.length !== batch.length) {
      throw new AcceptanceError(
        'E_ACCEPT_RESPONSE',
        `${endpoint} answered rows ${start}-${start + batch.length - 1} with ${JSON.stringify(body).slice(0, 200)}; expected ${batch.length} predictions.`,
      );
    }
    answers.models.add(String(body.model));
    answers.versions.add(String(body.version));
    body.predictions.forEach((prediction, offset) => readPrediction(prediction, start + offset, shape, answers));
  }
  return answers;
}

// --- internal ---

function readPrediction(prediction: Prediction, row: number, shape: AnswerShape, answers: LiveAnswers): void {
  if (shape.task === 'regression') {
    answers.values[row] = readNumber(prediction.value);
    return;
  }
  answers.labels[row] = readLabel(prediction.label, shape.classes);
  if (shape.task === 'binary') {
    answers.values[row] = readNumber(prediction.probability);
    return;
  }
  const probabilities = (typeof prediction.probabilities === 'object' && prediction.probabilities !== null ? prediction.probabilities : {}) as Record<string, unknown>;
  shape.classes.forEach((name, k) => {
    answers.values[row * shape.classes.length + k] = readNumber(probabilities[name]);
  });
}

function readNumber(value: unknown): number {
  return typeof value === 'number' ? value : Number.NaN;
}

// A binary service from before class texts answers 0/1: read it through the bundle's classes.
function readLabel(label: unknown, classes: readonly string[]): string {
  if (typeof label === 'number' && Number.isInteger(label)) return classes[label] ?? String(label);
  return String(label);
}

async function postBatch(
  endpoint: string,
  batch: readonly RawRow[],
  start: number,
): Promise<PredictBatchResponse> {
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ instances: batch }),
    });
  } catch (error) {
    throw new AcceptanceError(
      'E_ACCEPT_UNREACHABLE',
      `${endpoint} is unreachable (${(error as Error).message}); is the service running? Locally: \`npm run serve\`.`,
      { cause: error },
    );
  }
  const text = await response.text();
  if (response.status !== 200) {
    throw new AcceptanceError(
      'E_ACCEPT_RESPONSE',
      `${endpoint} answered rows ${start}-${start + batch.length - 1} with ${response.status}: ${text.slice(0, 300)}`,
    );
  }
  return JSON.parse(text) as PredictBatchResponse;
}
