// What a load run needs to know about the service before it starts: which model it serves and
// that model's inputs. No k6 or Node imports; the callers fetch the three documents.
import { readInstanceSchema, readRawInputs } from './payloads.js';

/**
 * @typedef {{ model: string, instance: Record<string, unknown>, rawInputs: { name: string, datatype: string }[] }} Target
 */

/**
 * The model to load-test: MODEL_NAME when set, else the first model `GET /health/ready` lists.
 * @param {unknown} ready the body of GET /health/ready
 * @param {string | undefined} override
 * @returns {string}
 */
export function readModelName(ready, override) {
  if (override) return override;
  const models = /** @type {{ models?: { name?: unknown }[] } | null} */ (ready)?.models;
  const name = Array.isArray(models) ? models[0]?.name : undefined;
  if (typeof name !== 'string') {
    throw new Error(
      `GET /health/ready lists no model (${JSON.stringify(ready)}): is the service ready? Set MODEL_NAME to choose one.`,
    );
  }
  return name;
}

/**
 * @param {string} model
 * @param {unknown} openapi the body of GET /openapi.json
 * @param {unknown} metadata the body of GET /v2/models/{model}
 * @returns {Target}
 */
export function describeTarget(model, openapi, metadata) {
  return { model, instance: readInstanceSchema(openapi), rawInputs: readRawInputs(metadata) };
}
