import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** One line of a `.dvcignore` file (gitignore syntax). */
export interface IgnoreRule {
  pattern: string;
  regex: RegExp;
  negate: boolean;
  directoryOnly: boolean;
}

/**
 * Parses `.dvcignore` text. Supported: comments, `!` negation, a trailing `/` for directories,
 * anchoring by a leading or inner `/`, and the wildcards `*`, `?`, `[...]` and `**`.
 */
export function parseDvcIgnore(text: string): IgnoreRule[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map(parseRule);
}

/** Whether `relpath` (POSIX, relative to the `.dvcignore`'s folder) is ignored: last match wins. */
export function isIgnored(
  rules: readonly IgnoreRule[],
  relpath: string,
  isDirectory: boolean,
): boolean {
  let ignored = false;
  for (const rule of rules) {
    if (rule.directoryOnly && !isDirectory) continue;
    if (rule.regex.test(relpath)) ignored = !rule.negate;
  }
  return ignored;
}

/** The DVC project root above `from` (the folder holding `.dvc/`), if any. */
export function findDvcRoot(from: string): string | undefined {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, '.dvc'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The rules of `<root>/.dvcignore`, or none. */
export async function loadDvcIgnore(root: string): Promise<IgnoreRule[]> {
  const file = join(root, '.dvcignore');
  return existsSync(file) ? parseDvcIgnore(await readFile(file, 'utf8')) : [];
}

// --- internal ---

function parseRule(line: string): IgnoreRule {
  let pattern = line;
  const negate = pattern.startsWith('!');
  if (negate) pattern = pattern.slice(1);
  if (pattern.startsWith('\\')) pattern = pattern.slice(1);
  const directoryOnly = pattern.endsWith('/');
  if (directoryOnly) pattern = pattern.slice(0, -1);
  // A slash anywhere but the end anchors the pattern to the .dvcignore's folder.
  const anchored = pattern.includes('/');
  if (pattern.startsWith('/')) pattern = pattern.slice(1);
  const body = translateGlob(pattern);
  const regex = new RegExp(anchored ? `^${body}$` : `^(?:.*/)?${body}$`);
  return { pattern: line, regex, negate, directoryOnly };
}

function translateGlob(glob: string): string {
  let out = '';
  let i = 0;
  while (i < glob.length) {
    if (glob.startsWith('**/', i)) {
      out += '(?:.*/)?';
      i += 3;
    } else if (glob.startsWith('**', i)) {
      out += '.*';
      i += 2;
    } else if (glob[i] === '*') {
      out += '[^/]*';
      i += 1;
    } else if (glob[i] === '?') {
      out += '[^/]';
      i += 1;
    } else if (glob[i] === '[' && glob.indexOf(']', i + 1) > i) {
      const end = glob.indexOf(']', i + 1);
      const inner = glob
        .slice(i + 1, end)
        .replace(/^!/, '^')
        .replace(/\\/g, '\\\\');
      out += `[${inner}]`;
      i = end + 1;
    } else {
      out += glob[i].replace(/[.+^${}()|\\\]]/g, '\\$&');
      i += 1;
    }
  }
  return out;
}
