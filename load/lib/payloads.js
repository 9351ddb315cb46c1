// Request payloads generated from the served model's own input schema, shared by the k6 scripts
// and the local autocannon runner: a plain ES module with no k6 or Node imports.
import { INSTANCE_COMPONENT } from '../../libs/serving-contract/src/serving-names.ts';

/**
 * @typedef {Record<string, unknown>} JsonSchema
 * @typedef {Record<string, unknown>} Row
 * @typedef {{ name: string, datatype: string }} RawInput
 * @typedef {{ seed?: number, nullRate?: number }} GeneratorOptions
 */

/** How wide a numeric range is when the schema gives no minimum or maximum. */
const DEFAULT_SPAN = 100;

/**
 * The /predict instance schema from the service's `GET /openapi.json` (built from the loaded
 * model's input schema: feature names, types, nullability, categories, min/max).
 * @param {unknown} openapi
 * @returns {JsonSchema}
 */
export function readInstanceSchema(openapi) {
  const doc = /** @type {{ components?: { schemas?: Record<string, JsonSchema> } } | null} */ (
    openapi
  );
  const instance = doc?.components?.schemas?.[INSTANCE_COMPONENT];
  if (!instance || typeof instance.properties !== 'object' || instance.properties === null) {
    throw new Error(
      'GET /openapi.json has no components.schemas.Instance with properties: is a model loaded (GET /health/ready)?',
    );
  }
  return instance;
}

/**
 * A seeded generator of random valid /predict instances: every required feature, numbers inside
 * min/max, categories from the schema's list, booleans, and null at `nullRate` where nullable.
 * The same seed gives the same rows in k6 and Node.
 * @param {JsonSchema} instance the Instance schema (see readInstanceSchema)
 * @param {GeneratorOptions} [options]
 * @returns {() => Row}
 */
export function createRowGenerator(instance, options = {}) {
  const random = createRandom(options.seed ?? 1);
  const nullRate = options.nullRate ?? 0.02;
  const properties = /** @type {Record<string, JsonSchema>} */ (instance.properties);
  const required = /** @type {string[]} */ (instance.required ?? Object.keys(properties));
  const columns = required.map((name) => ({
    name,
    nullable: listTypes(properties[name]).includes('null'),
    value: createValueGenerator(name, properties[name] ?? {}, random),
  }));
  return () => {
    /** @type {Row} */
    const row = {};
    for (const column of columns) {
      row[column.name] = column.nullable && random() < nullRate ? null : column.value();
    }
    return row;
  };
}

/**
 * A V2 infer request with one input per raw feature column (as `GET /v2/models/{m}` lists them in
 * `parameters.raw_inputs`), each shaped [N], holding the rows' values.
 * @param {Row[]} rows
 * @param {RawInput[]} rawInputs
 * @returns {{ inputs: { name: string, datatype: string, shape: number[], data: unknown[] }[] }}
 */
export function buildV2Request(rows, rawInputs) {
  const present = rawInputs.filter((input) => rows.some((row) => input.name in row));
  return {
    inputs: present.map((input) => ({
      name: input.name,
      datatype: input.datatype,
      shape: [rows.length],
      data: rows.map((row) => row[input.name] ?? null),
    })),
  };
}

/**
 * The raw inputs of a model from its V2 metadata (`GET /v2/models/{m}`).
 * @param {unknown} metadata
 * @returns {RawInput[]}
 */
export function readRawInputs(metadata) {
  const parameters = /** @type {{ parameters?: { raw_inputs?: unknown } } | null} */ (metadata)
    ?.parameters;
  const inputs = parameters?.raw_inputs;
  if (!Array.isArray(inputs) || inputs.length === 0) {
    throw new Error('The V2 model metadata has no parameters.raw_inputs.');
  }
  return /** @type {RawInput[]} */ (inputs);
}

// --- internal ---

/**
 * @param {string} name
 * @param {JsonSchema} property
 * @param {() => number} random
 * @returns {() => unknown}
 */
function createValueGenerator(name, property, random) {
  const types = listTypes(property);
  const categories = property.enum ?? property.examples;
  if (Array.isArray(categories) && categories.length > 0) {
    return () => categories[Math.floor(random() * categories.length)];
  }
  if (types.includes('boolean')) return () => random() < 0.5;
  if (types.includes('number') || types.includes('integer')) {
    const { low, high } = findRange(property);
    // Integer bounds suggest an integer column (the OpenAPI document types both as numbers).
    const integer =
      (types.includes('integer') && !types.includes('number')) ||
      (Number.isInteger(low) && Number.isInteger(high) && high - low >= 2);
    return () => {
      const value = low + random() * (high - low);
      return integer ? Math.round(value) : Math.round(value * 100) / 100;
    };
  }
  if (types.includes('string')) return () => `${name}-${Math.floor(random() * 1000)}`;
  throw new Error(
    `Cannot generate values for \`${name}\`: unsupported schema ${JSON.stringify(property)}.`,
  );
}

/**
 * @param {JsonSchema} property
 * @returns {{ low: number, high: number }}
 */
function findRange(property) {
  const min = typeof property.minimum === 'number' ? property.minimum : undefined;
  const max = typeof property.maximum === 'number' ? property.maximum : undefined;
  const low = min ?? (max !== undefined ? max - DEFAULT_SPAN : 0);
  const high = max ?? low + DEFAULT_SPAN;
  return { low, high };
}

/**
 * @param {JsonSchema | undefined} property
 * @returns {string[]}
 */
function listTypes(property) {
  const type = property?.type;
  return Array.isArray(type) ? type : typeof type === 'string' ? [type] : [];
}

/**
 * mulberry32: a small seeded PRNG, identical in every JavaScript runtime.
 * @param {number} seed
 * @returns {() => number}
 */
function createRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
