// A real model bundle and registry for the delivery checks, made by running the training CLI on
// a small generated dataset in a temporary workspace. Cached under
// tmp/delivery-fixture/<hash of the code and config that produce it>, so reruns take no time.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { parse, stringify } from 'yaml';

/** The workspace root (this file lives in tools/delivery-checks/test). */
export const WORKSPACE_ROOT = join(import.meta.dirname, '..', '..', '..');

export interface ModelFixture {
  /** A trained, verified bundle folder (what MODEL_DIR points at). */
  bundleDir: string;
  /** A `file:` registry URL holding that model as version 1 in production. */
  registryUrl: string;
  /** The fixture workspace: params.yaml, data/, config/, artifacts/, .modelship/registry. */
  workspace: string;
}

/** The name of the fixture's model in its registry. */
export const FIXTURE_MODEL_NAME = 'delivery';

const INPUTS = [
  'params.yaml',
  'apps/training/src',
  'libs/features/src',
  'libs/model-bundle/src',
  'libs/model-registry/src',
  'libs/data-validation/src',
  'libs/sample-data/src',
  'tools/delivery-checks/test/model-fixture.ts',
];

/** Builds the fixture once (cached by content hash) and answers where it is. */
export async function buildModelFixture(): Promise<ModelFixture> {
  const hash = await hashInputs();
  const workspace = join(WORKSPACE_ROOT, 'tmp', 'delivery-fixture', hash);
  if (!existsSync(join(workspace, 'READY'))) await trainFixture(workspace);
  return {
    workspace,
    bundleDir: join(workspace, 'artifacts', 'bundle'),
    registryUrl: `file:${join(workspace, '.modelship', 'registry')}`,
  };
}

/** Jest globalSetup (jest.config.js): builds or reuses the fixture and tells the specs where. */
export default async function globalSetup(): Promise<void> {
  const fixture = await buildModelFixture();
  process.env['DELIVERY_FIXTURE_DIR'] = fixture.workspace;
}

/** The fixture a Jest globalSetup built (read from the environment it set). */
export function readModelFixture(): ModelFixture {
  const workspace = process.env['DELIVERY_FIXTURE_DIR'];
  if (!workspace)
    throw new Error('DELIVERY_FIXTURE_DIR is not set: run the specs through jest.config.js.');
  return {
    workspace,
    bundleDir: join(workspace, 'artifacts', 'bundle'),
    registryUrl: `file:${join(workspace, '.modelship', 'registry')}`,
  };
}

// --- internal ---

async function trainFixture(dir: string): Promise<void> {
  const work = `${dir}.build-${process.pid}`;
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true });
  // A seeded generated sample, whatever dataset the workspace itself is configured for.
  const params = parse(await readFile(join(WORKSPACE_ROOT, 'params.yaml'), 'utf8')) as Record<
    string,
    Record<string, unknown>
  >;
  params['data'] = {
    path: 'data/sample.csv',
    dvc: 'data.dvc',
    schema: 'config/schema.json',
    target: 'churned',
    sample: { generator: 'churn', rows: 3000, seed: 7 },
  };
  params['model'] = { ...params['model'], name: FIXTURE_MODEL_NAME, epochs: 3 };
  // The fixture is about delivery, not model quality: a gate that always passes.
  params['gate'] = { min_roc_auc: 0.5, metric: 'roc_auc', margin: 0 };
  params['registry'] = { url: 'file:.modelship/registry' };
  await writeFile(join(work, 'params.yaml'), stringify(params));
  const commands = [
    'data prepare',
    'schema infer data/sample.csv --target churned --out config/schema.json',
    'start',
  ];
  for (const command of commands) await runTrainingCli(work, command.split(' '));
  await writeFile(join(work, 'READY'), new Date().toISOString());
  await rm(dir, { recursive: true, force: true });
  await rename(work, dir);
}

async function runTrainingCli(cwd: string, args: string[]): Promise<void> {
  try {
    await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', join(WORKSPACE_ROOT, 'apps/training/src/cli.ts'), ...args],
      {
        cwd,
        env: { ...process.env, MODELSHIP_ROOT: cwd, MODEL_REGISTRY: '' },
        maxBuffer: 64 << 20,
      },
    );
  } catch (error) {
    const { stderr } = error as { stderr?: string };
    throw new Error(
      `Building the delivery fixture failed at \`modelship ${args.join(' ')}\`:\n${stderr?.slice(-4000) ?? String(error)}`,
    );
  }
}

async function hashInputs(): Promise<string> {
  const hash = createHash('sha256');
  for (const input of INPUTS) {
    for (const file of await listFiles(join(WORKSPACE_ROOT, input))) {
      if (file.endsWith('.spec.ts')) continue;
      hash
        .update(`${relative(WORKSPACE_ROOT, file)}\0`)
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
