import { readFileSync } from 'node:fs';
import type { Params } from './params-types.js';

/** Where params.schema.json is; params.yaml's `yaml-language-server` line points here too. */
export const PARAMS_SCHEMA_FILE = new URL('./params.schema.json', import.meta.url);

/** A node of the schema, as much of it as the error messages and defaults read. */
export interface SchemaNode {
  type?: string | string[];
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  items?: SchemaNode;
  title?: string;
  default?: unknown;
  $ref?: string;
  required?: string[];
  properties?: Record<string, SchemaNode>;
  patternProperties?: Record<string, SchemaNode>;
  definitions?: Record<string, SchemaNode>;
}

/** params.schema.json, parsed once. */
export const paramsSchema = JSON.parse(readFileSync(PARAMS_SCHEMA_FILE, 'utf8')) as SchemaNode;

/**
 * The `default` of every key of a section that declares one, e.g. `model`'s hyper-parameters;
 * `block` names a nested object of the section, e.g. `readSchemaDefaults('model', 'gbdt')`.
 */
export function readSchemaDefaults(section: string, ...block: string[]): Record<string, unknown> {
  const node = block.reduce<SchemaNode | undefined>(
    (parent, key) => parent?.properties?.[key],
    paramsSchema.properties?.[section],
  );
  const properties = node?.properties ?? {};
  return Object.fromEntries(
    Object.entries(properties)
      .filter(([, node]) => node.default !== undefined)
      .map(([key, node]) => [key, structuredClone(node.default)]),
  );
}

/** params.yaml `evaluate.threshold`, or the schema's default when params.yaml leaves it out. */
export function readEvaluateThreshold(params: Pick<Params, 'evaluate'>): number {
  return params.evaluate?.threshold ?? (readSchemaDefaults('evaluate')['threshold'] as number);
}
