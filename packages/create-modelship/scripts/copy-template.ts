// prepack: copies this repository's git-tracked workspace files into template/, so the published
// scaffolder hands out exactly what is tested here. Set CREATE_MODELSHIP_INCLUDE_UNTRACKED=1 to
// include files not yet committed (local trials only; a release packs a clean checkout).
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { isTemplateFile, toStoredPath } from '../src/utils/template-files.js';

const packageDir = join(import.meta.dirname, '..');
const templateDir = join(packageDir, 'template');
const started = performance.now();

function listRepositoryFiles(): { root: string; files: string[] } {
  const root = execFileSync('git', ['rev-parse', '--show-toplevel'], {
    cwd: packageDir,
    encoding: 'utf8',
  }).trim();
  const untracked = process.env['CREATE_MODELSHIP_INCLUDE_UNTRACKED'] === '1';
  const args = [
    'ls-files',
    '-z',
    '--cached',
    ...(untracked ? ['--others', '--exclude-standard'] : []),
  ];
  const listed = execFileSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
  const files = [...new Set(listed.split('\0').filter(Boolean))]
    .filter(isTemplateFile)
    .filter((path) => existsSync(join(root, path)) && statSync(join(root, path)).isFile());
  return { root, files };
}

// The repository's lockfile also locks this package; npm itself drops it, without touching
// node_modules, from a copy holding only the manifests.
function pruneLockfile(root: string, files: readonly string[]): void {
  const scratch = mkdtempSync(join(tmpdir(), 'create-modelship-lock-'));
  try {
    for (const path of files.filter((file) => /(^|\/)(package\.json|\.npmrc)$/.test(file))) {
      mkdirSync(join(scratch, dirname(path)), { recursive: true });
      copyFileSync(join(root, path), join(scratch, path));
    }
    copyFileSync(join(root, 'package-lock.json'), join(scratch, 'package-lock.json'));
    execFileSync(
      'npm',
      [
        'install',
        '--package-lock-only',
        '--ignore-scripts',
        '--no-audit',
        '--no-fund',
        '--prefer-offline',
        '--loglevel=error',
      ],
      { cwd: scratch, stdio: ['ignore', 'ignore', 'inherit'] },
    );
    copyFileSync(
      join(scratch, 'package-lock.json'),
      join(templateDir, toStoredPath('package-lock.json')),
    );
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const { root, files } = listRepositoryFiles();
rmSync(templateDir, { recursive: true, force: true });
let bytes = 0;
for (const path of files) {
  const target = join(templateDir, toStoredPath(path));
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(join(root, path), target);
  bytes += statSync(target).size;
}
if (files.includes('package-lock.json')) pruneLockfile(root, files);
const lock = readFileSync(join(templateDir, toStoredPath('package-lock.json')), 'utf8');
if (lock.includes('packages/create-modelship')) {
  throw new Error('template/_package-lock.json still locks packages/create-modelship');
}
const seconds = ((performance.now() - started) / 1000).toFixed(2);
console.log(`template/: ${files.length} files, ${(bytes / 1024).toFixed(0)} KiB, in ${seconds} s`);
