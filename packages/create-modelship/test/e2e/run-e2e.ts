// The e2e: packs create-modelship (prepack builds dist/ and template/), scaffolds through npx from
// the tarball as a user would (the defaults, and a user's CSV of each task: binary, multiclass,
// regression), then installs, tests and starts each generated workspace, and checks the chosen
// options took effect. Not part of `test`: it takes minutes. Run: npx nx run create-modelship:e2e
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exec, expectSuccess, outcomes, printSummary, setLogDir, timeStep } from './e2e-steps.js';
import {
  checkDefaults,
  checkInstalledWithSchema,
  checkTaskWorkspace,
  checkTrainedFamily,
  checkUserDataset,
} from './e2e-checks.js';
import { expectServedPrediction, type ExpectedAnswer } from './expect-served-prediction.js';
import { formatProjectTimes, summarizeNxProfile } from './summarize-nx-profile.js';
import { TASK_CSVS, writeTaskCsv, type CsvTask } from './write-task-csv.js';
import { USER_CSV_TARGET, writeUserCsv } from './write-user-csv.js';

const packageDir = join(import.meta.dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'create-modelship-e2e-'));
// Every scenario names its packages @my-app/* (the defaults by their name, the others by --scope),
// so the projects are byte-identical across workspaces; with one Nx cache for the run, a task
// whose declared inputs match one already run (lint and typecheck everywhere, the tests of
// libraries that read no params.yaml, data or README) is replayed instead of run again, and the
// tests that read the workspace's own params.yaml or data run in every workspace.
const SCOPE = 'my-app';
const { NX_SKIP_NX_CACHE: _skip, NX_DISABLE_NX_CACHE: _disable, ...inherited } = process.env;
const env: NodeJS.ProcessEnv = {
  ...inherited,
  CI: 'true',
  NX_DAEMON: 'false',
  NX_NO_CLOUD: 'true',
  NX_TUI: 'false',
  // Both, or a workspace's own task database never finds what another one cached.
  NX_CACHE_DIRECTORY: join(work, 'nx', 'cache'),
  NX_WORKSPACE_DATA_DIRECTORY: join(work, 'nx', 'workspace-data'),
  npm_config_prefer_offline: 'true',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
};

/** `npm test`, reporting where its time went per project (Nx's task profile). */
async function runWorkspaceTests(root: string): Promise<string> {
  const profile = 'nx-profile.json';
  await expectSuccess('npm', ['test'], root, { ...env, NX_PROFILE: profile });
  const times = summarizeNxProfile(join(root, profile));
  return formatProjectTimes(times.slice(0, 8));
}

// What a user runs in a new workspace after install, in order; extending the e2e is one row here.
const WORKSPACE_STEPS: ReadonlyArray<{
  step: string;
  run: (root: string, expected: ExpectedAnswer) => Promise<string>;
}> = [
  { step: 'npm test', run: (root) => runWorkspaceTests(root) },
  {
    step: 'npm start, then POST /predict',
    run: (root, expected) => expectServedPrediction(root, env, expected),
  },
  { step: 'the model family params.yaml names', run: async (root) => checkTrainedFamily(root) },
];

async function pack(): Promise<{ tarball: string; templateFiles: Set<string> }> {
  let tarball = '';
  const ok = await timeStep('package', 'npm pack (build dist/ and template/)', async () => {
    const { code, output } = await exec(
      'npm',
      ['pack', '--pack-destination', work],
      packageDir,
      env,
    );
    if (code !== 0) throw new Error(`npm pack exited ${code}:\n${output.slice(-3000)}`);
    const name = readdirSync(work).find((file) => file.endsWith('.tgz'));
    if (name === undefined) throw new Error(`npm pack wrote no tarball:\n${output.slice(-2000)}`);
    tarball = join(work, name);
    return output.match(/template\/: [^\n]*/)?.[0] ?? '';
  });
  if (!ok) return { tarball: '', templateFiles: new Set() };
  const listing = await exec('tar', ['-tzf', tarball], work, env);
  const templateFiles = new Set(
    listing.output
      .split('\n')
      .filter((line) => line.startsWith('package/template/'))
      .map((line) => line.slice('package/template/'.length)),
  );
  return { tarball, templateFiles };
}

async function runWorkspaceSteps(
  scenario: string,
  root: string,
  expected: ExpectedAnswer,
): Promise<void> {
  for (const { step, run } of WORKSPACE_STEPS) {
    await timeStep(scenario, step, () => run(root, expected));
  }
}

async function scaffold(scenario: string, tarball: string, args: string[]): Promise<string> {
  let output = '';
  await timeStep(scenario, `npx create-modelship ${args.join(' ')}`.slice(0, 38), async () => {
    const result = await exec(
      'npx',
      ['--yes', `--package=${tarball}`, 'create-modelship', ...args],
      work,
      env,
    );
    output = result.output;
    if (result.code !== 0) throw new Error(`exited ${result.code}:\n${output.slice(-3000)}`);
    return output.match(/Installed dependencies in [\d.]+ s/)?.[0] ?? '';
  });
  return output;
}

async function runDefaults(tarball: string, templateFiles: Set<string>): Promise<void> {
  const root = join(work, 'my-app');
  const output = await scaffold('defaults', tarball, ['my-app', '--yes', '--no-git']);
  if (!existsSync(join(root, 'package.json'))) return;
  await timeStep('defaults', 'check options took effect', async () =>
    checkDefaults(root, templateFiles, output),
  );
  // Its lifecycle scenario is the repository's own (`.ci/run` runs it on the same defaults); the
  // user's binary CSV runs it on data of another shape.
  await runWorkspaceSteps('defaults', root, { task: 'binary' });
}

// The lifecycle scenario is not inside `npm test`: the workspace runs it as CI does.
async function runLifecycle(scenario: string, root: string): Promise<void> {
  await timeStep(scenario, 'npx nx run lifecycle-demo:e2e', () =>
    expectSuccess('npx', ['nx', 'run', 'lifecycle-demo:e2e', '--outputStyle=stream'], root, env),
  );
}

// The form that broke schema inference (an inner npx inherited npm_config_package): the tarball
// through `npx --yes --package=<tarball>`, a user CSV with an id and ignored columns, and the
// scaffolder's own install. It is the binary task's scenario, continuous training's lifecycle
// included (on the network: the lifecycle's deliberately bad model, trained on shuffled labels,
// must lose on live accuracy, and shuffled-label trees answer the majority class, which can pass).
async function runUserDataset(tarball: string, templateFiles: Set<string>): Promise<void> {
  const csv = join(work, 'inputs', 'user-upgrades.csv');
  writeUserCsv(csv);
  const root = join(work, 'upgrades');
  const args = ['upgrades', '--yes', '--no-git', '--scope', SCOPE, '--ci', 'azure'];
  const output = await scaffold('user-csv', tarball, [
    ...args,
    '--data',
    csv,
    '--target',
    USER_CSV_TARGET,
  ]);
  if (!existsSync(join(root, 'package.json'))) return;
  await timeStep('user-csv', 'install and schema inference in the scaffolder', async () =>
    checkInstalledWithSchema(root, output, 'config/user-upgrades.schema.json'),
  );
  await timeStep('user-csv', 'check options took effect', async () =>
    checkUserDataset(root, templateFiles, {
      scope: SCOPE,
      csv: 'data/user-upgrades.csv',
      target: USER_CSV_TARGET,
      model: 'mlp',
    }),
  );
  await runWorkspaceSteps('user-csv', root, { task: 'binary', classes: ['yes', 'no'] });
  // Continuous training on the user's data: feedback rows lack the id and ignored columns.
  await runLifecycle('user-csv', root);
}

// A user's CSV of a non-binary task: other names and types, an id, ignored columns, missing
// values. The lifecycle scenario (a binary churn story) is not run on it.
async function runTaskDataset(tarball: string, task: CsvTask): Promise<void> {
  const { file, target, classes, model } = TASK_CSVS[task];
  const csv = join(work, 'inputs', file);
  writeTaskCsv(csv, task);
  const name = file.replace(/\.csv$/, '');
  const root = join(work, name);
  const output = await scaffold(task, tarball, [
    name,
    '--yes',
    '--no-git',
    '--scope',
    SCOPE,
    '--data',
    csv,
    '--target',
    target,
    '--model',
    model,
  ]);
  if (!existsSync(join(root, 'package.json'))) return;
  await timeStep(task, 'install, schema, task and model family in params.yaml', async () =>
    [
      checkInstalledWithSchema(root, output, `config/${name}.schema.json`),
      checkTaskWorkspace(root, { task, csv: `data/${file}`, target, model }),
    ].join('; '),
  );
  await runWorkspaceSteps(
    task,
    root,
    task === 'regression' ? { task } : { task, classes: [...classes] },
  );
}

const started = performance.now();
console.log(`e2e in ${work}`);
setLogDir(join(work, 'logs'));
const { tarball, templateFiles } = await pack();
if (tarball !== '') {
  mkdirSync(join(work, 'inputs'));
  await runDefaults(tarball, templateFiles);
  await runUserDataset(tarball, templateFiles);
  await runTaskDataset(tarball, 'multiclass');
  await runTaskDataset(tarball, 'regression');
}
printSummary();
console.log(`total ${((performance.now() - started) / 1000).toFixed(1)} s`);
const passed = outcomes.every((outcome) => outcome.ok);
// A failed run keeps its folder: the full output of every failed step is in logs/.
if (passed && process.env['CREATE_MODELSHIP_E2E_KEEP'] !== '1')
  rmSync(work, { recursive: true, force: true });
else console.log(`kept ${work}`);
process.exitCode = passed ? 0 : 1;
