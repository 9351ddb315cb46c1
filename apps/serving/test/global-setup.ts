// Jest globalSetup: a real model bundle and registry for the serving specs, made by running the
// training CLI on a small generated dataset in a temporary workspace. Cached under
// tmp/serving-fixture/<hash of the code and config that produce it>, so reruns take no time.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { parse, stringify } from 'yaml';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const INPUTS = [
  'params.yaml',
  'apps/training/src',
  'libs/features/src',
  'libs/model-bundle/src',
  'libs/model-registry/src',
  'libs/data-validation/src',
  'libs/sample-data/src',
  'apps/serving/test/global-setup.ts',
];

export default async function globalSetup(): Promise<void> {
  const hash = await hashInputs();
  const dir = join(ROOT, 'tmp', 'serving-fixture', hash);
  if (!existsSync(join(dir, 'READY'))) await buildFixture(dir);
  process.env['SERVING_FIXTURE_DIR'] = dir;
}

async function buildFixture(dir: string): Promise<void> {
  const work = `${dir}.build-${process.pid}`;
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true });
  // The fixture never reads the workspace's own dataset or schema: a workspace built on a user's
  // CSV tests its service on the same seeded sample as this repository does.
  const params = parse(await readFile(join(ROOT, 'params.yaml'), 'utf8')) as Record<
    string,
    Record<string, unknown>
  >;
  params['data'] = {
    path: 'data/churn.csv',
    dvc: 'data.dvc',
    schema: 'config/schema.json',
    target: 'churned',
    sample: { generator: 'churn', rows: 3000, seed: 42 },
  };
  params['model'] = { ...params['model'], name: 'churn', epochs: 3 };
  // The fixture is about serving, not model quality: a gate that always passes.
  params['gate'] = { min_roc_auc: 0.5, metric: 'roc_auc', margin: 0 };
  params['registry'] = { url: 'file:.modelship/registry' };
  await writeFile(join(work, 'params.yaml'), stringify(params));
  const cli = [
    'data prepare',
    'schema infer data/churn.csv --target churned --out config/schema.json',
    'start',
  ];
  for (const command of cli) await runTrainingCli(work, command.split(' '));
  await writeFile(join(work, 'READY'), new Date().toISOString());
  await rm(dir, { recursive: true, force: true });
  await rename(work, dir);
}

async function runTrainingCli(cwd: string, args: string[]): Promise<void> {
  try {
    await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'apps/training/src/cli.ts'), ...args],
      {
        cwd,
        env: { ...process.env, MODELSHIP_ROOT: cwd, MODEL_REGISTRY: '' },
        maxBuffer: 64 << 20,
      },
    );
  } catch (error) {
    const { stderr } = error as { stderr?: string };
    throw new Error(
      `Building the serving fixture failed at \`modelship ${args.join(' ')}\`:\n${stderr?.slice(-4000) ?? String(error)}`,
    );
  }
}

async function hashInputs(): Promise<string> {
  const hash = createHash('sha256');
  for (const input of INPUTS) {
    for (const file of await listFiles(join(ROOT, input))) {
      if (file.endsWith('.spec.ts')) continue;
      hash
        .update(`${relative(ROOT, file)}\0`)
        .update(await readFile(file))
        .update('\0');
    }
  }
  return hash.digest('hex').slice(0, 16);
}

async function listFiles(path: string): Promise<string[]> {
  if (!existsSync(path)) return [];
  try {
    const entries = await readdir(path, { recursive: true, withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name))
      .sort();
  } catch {
    return [path];
  }
}
