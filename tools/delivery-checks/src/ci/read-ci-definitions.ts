import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { WORKSPACE_ROOT } from '../../test/model-fixture.js';

/** One CI definition file: its path, text, parsed YAML and the shell scripts it runs. */
export interface CiDefinition {
  path: string;
  system: 'github' | 'azure';
  text: string;
  yaml: unknown;
  scripts: string[];
}

/** Every GitHub workflow and composite action, azure-pipelines.yml and the ci/azure templates. */
export function readCiDefinitions(): CiDefinition[] {
  const github = [
    ...listYaml('.github/workflows'),
    ...listYaml('.github/actions').filter((path) => /action\.ya?ml$/.test(path)),
  ];
  // A workspace scaffolded for one CI provider has only that provider's files.
  const azure = [
    ...(existsSync(join(WORKSPACE_ROOT, 'azure-pipelines.yml')) ? ['azure-pipelines.yml'] : []),
    ...listYaml('ci/azure'),
  ];
  return [
    ...github.map((path) => readDefinition(path, 'github')),
    ...azure.map((path) => readDefinition(path, 'azure')),
  ];
}

// --- internal ---

function listYaml(folder: string): string[] {
  if (!existsSync(join(WORKSPACE_ROOT, folder))) return [];
  return readdirSync(join(WORKSPACE_ROOT, folder), { recursive: true })
    .map(String)
    .filter((file) => /\.ya?ml$/.test(file))
    .map((file) => `${folder}/${file}`)
    .sort();
}

function readDefinition(path: string, system: CiDefinition['system']): CiDefinition {
  const text = readFileSync(join(WORKSPACE_ROOT, path), 'utf8');
  const yaml = parse(text) as unknown;
  const keys = system === 'github' ? ['run'] : ['script', 'bash', 'inlineScript'];
  return { path, system, text, yaml, scripts: collectStrings(yaml, keys) };
}

function collectStrings(node: unknown, keys: string[]): string[] {
  if (Array.isArray(node)) return node.flatMap((item) => collectStrings(item, keys));
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) =>
    keys.includes(key) && typeof value === 'string' ? [value] : collectStrings(value, keys),
  );
}
