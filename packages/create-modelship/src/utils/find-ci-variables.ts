import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The variables and secrets each CI definition in the workspace reads (absent: undefined). */
export interface CiVariables {
  github: string[] | undefined;
  azure: string[] | undefined;
}

const GITHUB_REFERENCE = /\b(?:vars|secrets)\.([A-Z][A-Z0-9_]*)/g;
const AZURE_REFERENCE = /\$\(([A-Z][A-Z0-9_]*)\)/g;
const PROVIDED = new Set(['GITHUB_TOKEN']);

function collect(texts: readonly string[], pattern: RegExp): string[] | undefined {
  if (texts.length === 0) return undefined;
  const names = new Set<string>();
  for (const text of texts) {
    for (const [, name = ''] of text.matchAll(pattern)) if (!PROVIDED.has(name)) names.add(name);
  }
  return [...names].sort();
}

function readYamlFiles(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => /\.ya?ml$/.test(name))
    .map((name) => readFileSync(join(folder, name), 'utf8'));
}

/** Reads the variable names the workspace's CI definitions use, so next steps can list them. */
export function findCiVariables(root: string): CiVariables {
  const azureFile = join(root, 'azure-pipelines.yml');
  const azureTexts = [
    ...(existsSync(azureFile) ? [readFileSync(azureFile, 'utf8')] : []),
    ...readYamlFiles(join(root, 'ci', 'azure')),
  ];
  return {
    github: collect(readYamlFiles(join(root, '.github', 'workflows')), GITHUB_REFERENCE),
    azure: collect(azureTexts, AZURE_REFERENCE),
  };
}
