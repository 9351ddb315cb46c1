import { readFileSync, writeFileSync } from 'node:fs';
import { isMap, parseDocument } from 'yaml';

/** A change to params.yaml: a value to set at a path, or `undefined` to remove the key. */
export type ParamsEdit = readonly [path: readonly string[], value: unknown];

/** Edits params.yaml in place, keeping its comments and key order. */
export function editParams(file: string, edits: readonly ParamsEdit[]): void {
  const document = parseDocument(readFileSync(file, 'utf8'));
  for (const [path, value] of edits) {
    if (value === undefined) {
      document.deleteIn(path);
    } else {
      document.setIn(path, value);
    }
  }
  writeFileSync(file, document.toString());
}

/** Reads one value of a YAML file (undefined when the file or the key is absent). */
export function readYamlValue(file: string, path: readonly (string | number)[]): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const document = parseDocument(text);
  return isMap(document.contents) ? document.getIn(path) : undefined;
}

/**
 * The edits that make the mapping at `path` hold exactly `values`, key by key (keys it no longer
 * has removed), so the comments on the mapping's own line and on kept keys stay.
 */
export function replaceMapping(
  file: string,
  path: readonly string[],
  values: Readonly<Record<string, unknown>>,
): ParamsEdit[] {
  const current = readYamlValue(file, path);
  const keys = isMap(current) ? current.items.map((item) => String(item.key)) : [];
  return [
    ...keys.filter((key) => !(key in values)).map((key): ParamsEdit => [[...path, key], undefined]),
    ...Object.entries(values).map(([key, value]): ParamsEdit => [[...path, key], value]),
  ];
}
