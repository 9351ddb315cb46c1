// @ts-check
/**
 * ESLint rule: no import cycle between the files of a project, counting `import type` too.
 *
 * import-x/no-cycle skips type-only imports, but a type cycle is still two modules that each
 * need the other to be understood, and it is how runtime cycles start. Nx's module boundaries
 * catch cycles between projects; this rule catches them between files (relative imports only).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import ts from 'typescript';

/** @type {Map<string, { mtimeMs: number, imports: string[] }>} */
const importCache = new Map();

const SOURCE_EXTENSIONS = ['.ts', '.mts', '.cts', '.tsx', '.js', '.mjs', '.cjs'];

/**
 * The file a relative specifier names, trying the TypeScript file behind a `.js` specifier
 * (NodeNext style), extensionless specifiers and folder indexes.
 * @param {string} fromFile
 * @param {string} specifier
 * @returns {string | undefined}
 */
export function resolveRelativeImport(fromFile, specifier) {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return undefined;
  const base = resolve(dirname(fromFile), specifier);
  const candidates = [];
  const swapped = base.replace(/\.(m|c)?js$/, (_match, kind) => `.${kind ?? ''}ts`);
  if (swapped !== base) candidates.push(swapped, swapped.replace(/\.ts$/, '.tsx'));
  candidates.push(base, ...SOURCE_EXTENSIONS.map((ext) => base + ext));
  candidates.push(...SOURCE_EXTENSIONS.map((ext) => `${base}/index${ext}`));
  return candidates.find((path) => existsSync(path) && statSync(path).isFile());
}

/**
 * The project files a file imports (value and type imports, re-exports, dynamic imports).
 * @param {string} file
 * @returns {string[]}
 */
export function listRelativeImports(file) {
  const mtimeMs = statSync(file).mtimeMs;
  const cached = importCache.get(file);
  if (cached && cached.mtimeMs === mtimeMs) return cached.imports;
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  const imports = [];
  for (const { fileName } of info.importedFiles) {
    const target = resolveRelativeImport(file, fileName);
    if (target) imports.push(target);
  }
  importCache.set(file, { mtimeMs, imports });
  return imports;
}

/**
 * The shortest chain of imports from `start` back to `target`, or undefined.
 * @param {string} start
 * @param {string} target
 * @returns {string[] | undefined}
 */
export function findPathBack(start, target) {
  /** @type {Map<string, string | null>} */
  const cameFrom = new Map([[start, null]]);
  const queue = [start];
  while (queue.length > 0) {
    const file = /** @type {string} */ (queue.shift());
    for (const next of listRelativeImports(file)) {
      if (next === target) {
        const chain = [file];
        for (let at = cameFrom.get(file); at; at = cameFrom.get(at)) chain.unshift(at);
        return chain;
      }
      if (!cameFrom.has(next)) {
        cameFrom.set(next, file);
        queue.push(next);
      }
    }
  }
  return undefined;
}

/** @type {import('eslint').Rule.RuleModule} */
export const noImportCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid import cycles between files, type-only imports included' },
    schema: [],
    messages: { cycle: 'Import cycle: {{chain}}' },
  },
  create(context) {
    const filename = context.physicalFilename;
    if (!existsSync(filename)) return {};
    const root = context.cwd;
    /** @param {import('estree').Node & { source?: import('estree').Literal | null }} node */
    const check = (node) => {
      const specifier = node.source?.value;
      if (typeof specifier !== 'string') return;
      const target = resolveRelativeImport(filename, specifier);
      if (!target || target === filename) return;
      const back = findPathBack(target, filename);
      if (!back) return;
      const chain = [filename, ...back, filename].map((path) => relative(root, path)).join(' > ');
      context.report({ node, messageId: 'cycle', data: { chain } });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

/** The plugin object for eslint.config.mjs. */
export const modelshipRules = { rules: { 'no-import-cycle': noImportCycle } };
