import { SERVING_PATHS } from '@modelship/serving-contract';
import type { Target } from '../lib/target.js';
import { describeTarget, readModelName } from '../lib/target.js';

/**
 * Asks the service which model it serves and that model's inputs (GET /health/ready,
 * /openapi.json, /v2/models/{m}), as the k6 scripts' setup() does.
 */
export async function fetchTarget(baseUrl: string, modelName: string | undefined): Promise<Target> {
  const model = readModelName(await getJson(`${baseUrl}${SERVING_PATHS.healthReady}`), modelName);
  const [openapi, metadata] = await Promise.all([
    getJson(`${baseUrl}${SERVING_PATHS.openapi}`),
    getJson(`${baseUrl}${SERVING_PATHS.v2Model.replace('{model}', encodeURIComponent(model))}`),
  ]);
  return describeTarget(model, openapi, metadata);
}

// --- internal ---

async function getJson(url: string): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new Error(
      `GET ${url} failed (${(error as Error).cause ?? error}): is the service running?`,
    );
  }
  const text = await response.text();
  if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}: ${text}`);
  return JSON.parse(text) as unknown;
}
