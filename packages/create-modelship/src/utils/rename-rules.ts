import { applyInfraRenames } from './infra-names.js';
import type { ProjectNames } from './infra-names.js';

/** What every rule gets: the user's names and the Azure and image renames found in the files. */
export interface RenameContext {
  names: ProjectNames;
  infraRenames: ReadonlyMap<string, string>;
}

/** One kind of rename: which files it reads, and how it rewrites one of them. */
export interface RenameRule {
  description: string;
  appliesTo(path: string): boolean;
  rewrite(text: string, context: RenameContext): string;
}

const CODE_AND_CONFIG =
  /\.(?:[cm]?[jt]sx?|json|ya?ml|md|bicep|bicepparam|toml)$|(^|\/)Dockerfile[^/]*$/;
const INFRA =
  /^(?:\.github\/|ci\/|azure-pipelines[^/]*\.ya?ml$|deploy\/|load\/|docker-compose[^/]*\.ya?ml$|Dockerfile|package\.json$|README\.md$|docs\/)/;

/** The files the Azure and image names are looked for in (CI, deployment, container, docs). */
export function isInfraFile(path: string): boolean {
  return INFRA.test(path) || /\.(?:bicep|bicepparam)$/.test(path);
}

/** Every rename a scaffold makes, in order. Adding one is a row here. */
export const renameRules: readonly RenameRule[] = [
  {
    description: 'the npm scope of package names and import specifiers (@modelship/* -> @scope/*)',
    appliesTo: (path) => CODE_AND_CONFIG.test(path) || path.endsWith('package-lock.json'),
    rewrite: (text, { names }) => text.replaceAll('@modelship/', `@${names.scope}/`),
  },
  {
    description: 'the README title',
    appliesTo: (path) => path === 'README.md',
    rewrite: (text, { names }) => text.replace(/^# modelship[ \t]*$/m, `# ${names.name}`),
  },
  {
    description: "the README's lines about the scaffolder, which is not part of the workspace",
    appliesTo: (path) => path === 'README.md',
    rewrite: (text) =>
      text
        .split('\n')
        .filter((line) => !line.includes('packages/create-modelship'))
        .join('\n'),
  },
  {
    description: "the Dockerfile's copy of packages/, which is not part of the workspace",
    appliesTo: (path) => path === 'Dockerfile',
    rewrite: (text) =>
      text
        .split('\n')
        .filter((line) => !/^COPY packages\b/.test(line))
        .join('\n'),
  },
  {
    description: 'Azure resource names and the image name in CI, Bicep and deployment files',
    appliesTo: isInfraFile,
    rewrite: (text, { infraRenames }) => applyInfraRenames(text, infraRenames),
  },
];
