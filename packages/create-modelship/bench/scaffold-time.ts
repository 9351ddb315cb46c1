// How long a scaffold takes without install: the published entry point (node bin/, compiled
// dist/, the packed template/) run 5 times per case, as a user's machine would after npx fetched
// it. Prints the median; no assertion (timing is the machine's, not the code's, to judge).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeUserCsv } from '../test/e2e/write-user-csv.js';

const packageDir = join(import.meta.dirname, '..');
const RUNS = 5;

function build(): boolean {
  if (existsSync(join(packageDir, 'template', 'package.json'))) return false;
  execFileSync('npm', ['run', 'prepack', '--silent'], { cwd: packageDir, stdio: 'inherit' });
  return true;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function timeScaffold(work: string, label: string, extra: string[]): void {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const target = join(work, `${label}-${i}`);
    const started = performance.now();
    const result = spawnSync(
      process.execPath,
      [
        join(packageDir, 'bin', 'create-modelship.js'),
        target,
        '--yes',
        '--no-install',
        '--no-git',
        ...extra,
      ],
      { cwd: work, env: { ...process.env, CI: 'true' }, encoding: 'utf8' },
    );
    times.push(performance.now() - started);
    if (result.status !== 0) throw new Error(`${label} failed:\n${result.stdout}${result.stderr}`);
  }
  const shown = times.map((ms) => ms.toFixed(0)).join(', ');
  console.log(`${label.padEnd(22)} median ${median(times).toFixed(0)} ms  (runs: ${shown} ms)`);
}

const built = build();
const work = mkdtempSync(join(tmpdir(), 'create-modelship-bench-'));
try {
  const csv = join(work, 'upgrades.csv');
  writeUserCsv(csv, 50_000);
  const baseline = performance.now();
  spawnSync(process.execPath, ['-e', '0']);
  console.log(`node startup alone      ${(performance.now() - baseline).toFixed(0)} ms`);
  timeScaffold(work, 'defaults', []);
  timeScaffold(work, 'own CSV (50k rows)', [
    '--data',
    csv,
    '--target',
    'will_upgrade',
    '--ci',
    'azure',
  ]);
} finally {
  rmSync(work, { recursive: true, force: true });
  if (built) rmSync(join(packageDir, 'template'), { recursive: true, force: true });
}
