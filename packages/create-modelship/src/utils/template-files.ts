/**
 * Which of the repository's files make the template, and how file names npm would drop or
 * rename in a tarball are stored inside it. Shared by the prepack script and the scaffolder.
 */

/** Paths (relative, POSIX) that never go into a generated workspace. */
const EXCLUDED_PATHS: readonly RegExp[] = [
  /^packages\//, // the scaffolder itself and any other published package
  /^\.ci\//, // this repository's own CI entry point
  /^tools\/repo-checks\//, // reads ../shared/, which only exists beside this repository
  /^data\//, // DVC-tracked data: prepared or pulled, never copied
  /^\.modelship\//, // the local model registry
  /^\.nx\//,
  /^tmp\//,
  /(^|\/)node_modules\//,
  /(^|\/)(dist|coverage)\//,
  /(^|\/)__pycache__\//, // Python's bytecode cache (python/ itself is part of the template)
];

/** npm drops these from tarballs (or treats them as its own config), so they travel renamed. */
const STORED_NAMES: ReadonlyMap<string, string> = new Map([
  ['.gitignore', '_gitignore'],
  ['.npmignore', '_npmignore'],
  ['.npmrc', '_npmrc'],
  ['package-lock.json', '_package-lock.json'],
]);
const RESTORED_NAMES = new Map([...STORED_NAMES].map(([real, stored]) => [stored, real]));

export function isTemplateFile(path: string): boolean {
  return !EXCLUDED_PATHS.some((pattern) => pattern.test(path));
}

function mapBasename(path: string, names: ReadonlyMap<string, string>): string {
  const slash = path.lastIndexOf('/');
  const base = path.slice(slash + 1);
  const mapped = names.get(base);
  return mapped === undefined ? path : path.slice(0, slash + 1) + mapped;
}

/** The name a workspace file has inside the template folder of the tarball. */
export function toStoredPath(path: string): string {
  return mapBasename(path, STORED_NAMES);
}

/** The workspace name of a file stored in the template folder. */
export function toWorkspacePath(storedPath: string): string {
  return mapBasename(storedPath, RESTORED_NAMES);
}
