import type { ErrorObject } from 'ajv';
import type { SchemaNode } from './params-schema.js';
import { paramsSchema } from './params-schema.js';

/**
 * One ajv error as a sentence a person can act on: the key path, the value and what is allowed,
 * e.g. `params.yaml: model.learning_rate must be a number > 0, got 0`.
 */
export function describeSchemaError(
  error: ErrorObject,
  root: unknown,
  file = 'params.yaml',
): {
  message: string;
  path: string;
  value: unknown;
} {
  const segments = toSegments(error.instancePath);
  const parent = error.parentSchema as SchemaNode;
  if (error.keyword === 'required') {
    const key = (error.params as { missingProperty: string }).missingProperty;
    const path = formatPath([...segments, key]);
    const allowed = describeNode(parent.properties?.[key] ?? {});
    return {
      path,
      value: undefined,
      message: `${file}: ${path} is missing; it must be ${allowed}`,
    };
  }
  if (error.keyword === 'additionalProperties') {
    const key = (error.params as { additionalProperty: string }).additionalProperty;
    const path = formatPath([...segments, key]);
    const known = [
      ...Object.keys(parent.properties ?? {}),
      ...Object.values(parent.patternProperties ?? {}).map((node) => node.title ?? '?'),
    ];
    return {
      path,
      value: valueAt(root, [...segments, key]),
      message: `${file}: unknown key ${path}; use ${joinOr(known)}`,
    };
  }
  const path = formatPath(segments);
  const value = valueAt(root, segments);
  const allowed = describeNode(parent);
  return {
    path,
    value,
    message: `${file}: ${path || 'the file'} must be ${allowed}, got ${formatValue(value)}`,
  };
}

// --- internal ---

// What a schema node allows, in words: "a number in [0, 1)", "one of canary, shadow_then_canary".
function describeNode(node: SchemaNode): string {
  if (node.$ref) return describeNode(resolveRef(node.$ref));
  if (node.enum) return `one of ${node.enum.join(', ')}`;
  const types = (Array.isArray(node.type) ? node.type : [node.type]).filter(
    (type): type is string => type !== undefined,
  );
  const words = types.filter((type) => type !== 'null').map((type) => describeType(type, node));
  if (types.includes('null')) words.push('null');
  return words.length === 0 ? 'a value' : joinOr(words);
}

function describeType(type: string, node: SchemaNode): string {
  switch (type) {
    case 'number':
      return `a number${describeBounds(node)}`;
    case 'integer':
      return `an integer${describeBounds(node)}`;
    case 'string':
      return node.minLength ? 'a non-empty string' : 'a string';
    case 'boolean':
      return 'true or false';
    case 'array':
      return node.items ? `a list of ${plural(describeNode(node.items))}` : 'a list';
    case 'object':
      return 'a mapping of keys';
    default:
      return type;
  }
}

function describeBounds(node: SchemaNode): string {
  const low =
    node.exclusiveMinimum !== undefined
      ? { value: node.exclusiveMinimum, open: true }
      : node.minimum !== undefined
        ? { value: node.minimum, open: false }
        : undefined;
  const high =
    node.exclusiveMaximum !== undefined
      ? { value: node.exclusiveMaximum, open: true }
      : node.maximum !== undefined
        ? { value: node.maximum, open: false }
        : undefined;
  if (low && high) {
    return ` in ${low.open ? '(' : '['}${low.value}, ${high.value}${high.open ? ')' : ']'}`;
  }
  if (low) return ` ${low.open ? '>' : '>='} ${low.value}`;
  if (high) return ` ${high.open ? '<' : '<='} ${high.value}`;
  return '';
}

// "an integer >= 1" -> "integers >= 1"
function plural(words: string): string {
  return words.replace(/^an? (\w+)/, '$1s');
}

function resolveRef(ref: string): SchemaNode {
  const name = ref.replace('#/definitions/', '');
  return paramsSchema.definitions?.[name] ?? {};
}

function toSegments(pointer: string): string[] {
  return pointer
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

// model.hidden_units[1]
function formatPath(segments: string[]): string {
  return segments
    .map((segment, i) =>
      /^\d+$/.test(segment) ? `[${segment}]` : i === 0 ? segment : `.${segment}`,
    )
    .join('');
}

function valueAt(root: unknown, segments: string[]): unknown {
  let value = root;
  for (const segment of segments) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

function formatValue(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}

function joinOr(words: string[]): string {
  return words.length <= 1
    ? (words[0] ?? '')
    : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
}
