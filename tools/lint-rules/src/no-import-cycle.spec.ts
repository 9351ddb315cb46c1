import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { findPathBack, modelshipRules, resolveRelativeImport } from './no-import-cycle.mjs';

let root: string;

function write(files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

async function lint(path: string): Promise<string[]> {
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tseslint.parser },
        plugins: { modelship: modelshipRules },
        rules: { 'modelship/no-import-cycle': 'error' },
      },
    ],
  });
  const [result] = await eslint.lintFiles([join(root, path)]);
  return result.messages.map((m) => `${m.line}: ${m.message}`);
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'no-import-cycle-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('modelship/no-import-cycle', () => {
  it('reports a cycle made of type-only imports, naming the chain', async () => {
    write({
      'src/context.ts':
        "import type { Watcher } from './models/watcher.js';\nexport interface Context { watcher: Watcher }\n",
      'src/models/watcher.ts':
        "import type { Context } from '../context.js';\nexport interface Watcher { context: Context }\n",
    });
    expect(await lint('src/context.ts')).toEqual([
      '1: Import cycle: src/context.ts > src/models/watcher.ts > src/context.ts',
    ]);
  });

  it('reports a longer value cycle through a re-export and an index file', async () => {
    write({
      'a.ts': "import { b } from './b.js';\nexport const a = () => b;\n",
      'b.ts': "export { c as b } from './c/index.js';\n",
      'c/index.ts': "import { a } from '../a.js';\nexport const c = () => a;\n",
    });
    expect(await lint('a.ts')).toEqual(['1: Import cycle: a.ts > b.ts > c/index.ts > a.ts']);
  });

  it('reports a cycle closed by a dynamic import', async () => {
    write({
      'open.ts': "import type { Options } from './azure.js';\nexport type O = Options;\n",
      'azure.ts':
        "export interface Options { root: string }\nexport const load = () => import('./open.js');\n",
    });
    expect(await lint('azure.ts')).toEqual(['2: Import cycle: azure.ts > open.ts > azure.ts']);
  });

  it('accepts a tree of imports, packages and shared leaves', async () => {
    write({
      'main.ts':
        "import { a } from './a.js';\nimport { b } from './b.js';\nimport { join } from 'node:path';\nexport const m = [a, b, join];\n",
      'a.ts': "import { leaf } from './leaf.js';\nexport const a = leaf;\n",
      'b.ts': "import { leaf } from './leaf.js';\nexport const b = leaf;\n",
      'leaf.ts': 'export const leaf = 1;\n',
    });
    expect(await lint('main.ts')).toEqual([]);
    expect(await lint('a.ts')).toEqual([]);
  });

  it('resolves NodeNext `.js` specifiers to the TypeScript file, and ignores packages', () => {
    write({ 'x.ts': '', 'dir/index.ts': '' });
    expect(resolveRelativeImport(join(root, 'y.ts'), './x.js')).toBe(join(root, 'x.ts'));
    expect(resolveRelativeImport(join(root, 'y.ts'), './dir')).toBe(join(root, 'dir/index.ts'));
    expect(resolveRelativeImport(join(root, 'y.ts'), 'node:fs')).toBeUndefined();
    expect(resolveRelativeImport(join(root, 'y.ts'), './missing.js')).toBeUndefined();
  });

  it('finds no path back where there is none', () => {
    write({ 'p.ts': "import './q.js';\n", 'q.ts': '' });
    expect(findPathBack(join(root, 'q.ts'), join(root, 'p.ts'))).toBeUndefined();
    expect(findPathBack(join(root, 'p.ts'), join(root, 'q.ts'))).toEqual([join(root, 'p.ts')]);
  });
});
