import type { RawRow } from '@modelship/features';
import { AcceptanceError } from './acceptance-error.js';

/** The live service's answers to the replayed instances, and how long each request took. */
export interface LiveAnswers {
  probabilities: Float64Array;
  labels: Uint8Array;
  /** Every model name and version that answered (one each when the service is consistent). */
  models: Set<string>;
  versions: Set<string>;
  /** Wall-clock time of each /predict request, in ms. */
  latenciesMs: number[];
}

interface PredictBatchResponse {
  model: string;
  version: string | number;
  predictions: { label: string; probability: number }[];
}

/**
 * Sends the instances to `POST <url>/predict` as `{"instances": [...]}` batches, one request at
 * a time (latency then measures the service, not the client's queue). The service answers class
 * texts; `classes` (the bundle's, `[negative, positive]`) turns them back into 0/1.
 */
export async function replayHoldout(
  url: string,
  instances: readonly RawRow[],
  batchSize: number,
  classes: readonly string[],
): Promise<LiveAnswers> {
  const answers: LiveAnswers = {
    probabilities: new Float64Array(instances.length),
    labels: new Uint8Array(instances.length),
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
    body.predictions.forEach((prediction, offset) => {
      const label = classes.indexOf(prediction.label);
      if (label < 0) {
        throw new AcceptanceError(
          'E_ACCEPT_RESPONSE',
          `${endpoint} answered row ${start + offset} with label ${JSON.stringify(prediction.label).slice(0, 80)}, not one of the bundle's classes (${classes.join(', ')}).`,
        );
      }
      answers.probabilities[start + offset] = prediction.probability;
      answers.labels[start + offset] = label;
    });
  }
  return answers;
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
