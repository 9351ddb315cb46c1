import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findInfraRenames } from './infra-names.js';
import type { ProjectNames } from './infra-names.js';
import { isInfraFile, renameRules } from './rename-rules.js';
import type { RenameRule } from './rename-rules.js';

const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.nx']);
// The workspace's data and local registry: only at its root (apps/training/src/data/ is code).
const SKIPPED_AT_ROOT = new Set(['data', '.modelship']);

/** Every file under root, as relative POSIX paths (generated workspaces are small). */
export function listFiles(root: string, folder = ''): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(join(root, folder), { withFileTypes: true })) {
    const path = folder === '' ? entry.name : `${folder}/${entry.name}`;
    if (entry.isDirectory()) {
      const skipped =
        SKIPPED_FOLDERS.has(entry.name) || (folder === '' && SKIPPED_AT_ROOT.has(entry.name));
      if (!skipped) files.push(...listFiles(root, path));
    } else if (entry.isFile()) {
      files.push(path);
    }
  }
  return files;
}

/**
 * Renames everything in the workspace at root that carries the template's names, rule by rule.
 * Returns the files it changed. Rules that find nothing to rename change nothing.
 */
export function applyRenames(
  root: string,
  names: ProjectNames,
  rules: readonly RenameRule[] = renameRules,
): string[] {
  const texts = new Map<string, string>();
  for (const path of listFiles(root)) {
    if (rules.some((rule) => rule.appliesTo(path))) {
      texts.set(path, readFileSync(join(root, path), 'utf8'));
    }
  }
  const infraTexts = [...texts].filter(([path]) => isInfraFile(path)).map(([, text]) => text);
  const context = { names, infraRenames: findInfraRenames(infraTexts, names) };
  const changed: string[] = [];
  for (const [path, text] of texts) {
    const renamed = rules
      .filter((rule) => rule.appliesTo(path))
      .reduce((current, rule) => rule.rewrite(current, context), text);
    if (renamed !== text) {
      writeFileSync(join(root, path), renamed);
      changed.push(path);
    }
  }
  return changed;
}
