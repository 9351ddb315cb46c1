// Imported (raw-input) model bundles for the serving specs, made by global-setup beside the
// trained fixtures, each over a trained fixture's dataset and under its model name (so it can
// register as another version of it):
// - the NOTEBOOK models (writeNotebookModel: skl2onnx and onnxmltools shapes), imported by the
//   training CLI's `modelship import` (importModel, then evaluate) in a workspace of their own,
//   cached by the trained fixture's hash (which covers the training code) and this file's;
// - hand-built stand-ins: a trained bundle with its model replaced by raw-input-model.ts and its
//   feature spec by the raw one import writes (cheap, so made afresh on every run).
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import type { BundleMetadata } from '@modelship/model-bundle';
import { BUNDLE_FILES, finalizeBundle } from '@modelship/model-bundle';
import { buildRawInputModel, buildRawInputSpec } from './raw-input-model.js';

/**
 * The imported fixtures, by name, each with the trained fixture it is built over and where its
 * model comes from: a NOTEBOOK model kind imported with `modelship import` (a scikit-learn
 * pipeline with string and float inputs and a ZipMap output, LightGBM trees on one float tensor,
 * a regressor with double and int64 inputs), or the hand-built stand-in (`loans` ranks loans by
 * the dataset's own formula; `loans-inverted` is the same graph with its weights negated: it
 * ranks them backwards, a candidate to roll back).
 */
export const IMPORTED_FIXTURES = {
  'sklearn-pipeline-binary': { trained: 'binary', source: 'notebook' },
  'trees-multiclass': { trained: 'multiclass', source: 'notebook' },
  regressor: { trained: 'regression', source: 'notebook' },
  loans: { trained: 'binary', source: 'stand-in' },
  'loans-inverted': { trained: 'binary', source: 'stand-in-inverted' },
} as const;

export type ImportedFixture = keyof typeof IMPORTED_FIXTURES;

/** The imported fixtures made from NOTEBOOK models. */
export const NOTEBOOK_FIXTURES = [
  'sklearn-pipeline-binary',
  'trees-multiclass',
  'regressor',
] as const;

/** What global-setup hands over of the training side's writeNotebookModel (serving imports no training code). */
export type WriteNotebookModel = (
  kind: string,
  dir: string,
) => Promise<{
  modelPath: string;
  dataPath: string;
  schemaPath: string;
  target: string;
  classes?: string[];
}>;

/** The environment variable holding an imported fixture's bundle folder. */
export function importedEnvName(name: ImportedFixture): string {
  return `SERVING_IMPORTED_DIR_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/** An imported fixture's bundle folder (unregistered, verified by its sha256s). */
export function importedBundleDir(name: ImportedFixture): string {
  const dir = process.env[importedEnvName(name)];
  if (!dir)
    throw new Error(`${importedEnvName(name)} is not set: run the specs through jest.config.js.`);
  return dir;
}

/**
 * Imports the NOTEBOOK model `kind` with the training CLI in a workspace under `cacheRoot`
 * holding the trained fixture's params.yaml (its model name), unless a previous run did; answers
 * the bundle folder.
 */
export async function buildNotebookBundle(options: {
  kind: (typeof NOTEBOOK_FIXTURES)[number];
  trainedWorkspace: string;
  cacheRoot: string;
  workspaceRoot: string;
  writeNotebookModel: WriteNotebookModel;
}): Promise<string> {
  const { kind, trainedWorkspace, cacheRoot, workspaceRoot } = options;
  const key = createHash('sha256')
    .update(`${relative(cacheRoot, trainedWorkspace)}\0${await readFile(import.meta.filename)}`)
    .digest('hex')
    .slice(0, 16);
  const dir = join(cacheRoot, `${kind}-${key}`);
  const bundle = join(dir, 'bundle');
  if (existsSync(join(dir, 'READY'))) return bundle;
  const work = `${dir}.build-${process.pid}`;
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true });
  await cp(join(trainedWorkspace, 'params.yaml'), join(work, 'params.yaml'));
  const model = await options.writeNotebookModel(kind, join(work, 'notebook'));
  const args = [
    join(workspaceRoot, 'apps/training/bin/modelship.js'),
    'import',
    relative(work, model.modelPath),
    ...['--data', relative(work, model.dataPath), '--target', model.target],
    ...['--schema', relative(work, model.schemaPath), '--bundle', 'bundle'],
    // LightGBM's int64 class ids name no class of the sample: --classes maps them.
    ...(kind === 'trees-multiclass' ? ['--classes', (model.classes ?? []).join(',')] : []),
  ];
  try {
    await promisify(execFile)(process.execPath, args, {
      cwd: work,
      env: { ...process.env, MODELSHIP_ROOT: work, MODEL_REGISTRY: '' },
      maxBuffer: 64 << 20,
    });
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    throw new Error(
      `Importing the ${kind} serving fixture failed:\n${stdout?.slice(-2000) ?? ''}\n${stderr?.slice(-4000) ?? String(error)}`,
    );
  }
  await writeFile(join(work, 'READY'), new Date().toISOString());
  await rm(dir, { recursive: true, force: true });
  await rename(work, dir);
  return bundle;
}

/** Writes the stand-in fixture `name` into `dir` from the trained bundle `trainedBundle`. */
export async function writeImportedBundle(
  name: 'loans' | 'loans-inverted',
  trainedBundle: string,
  dir: string,
): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  // Everything but the trained model: an imported bundle has no tfjs/ folder.
  for (const file of [
    BUNDLE_FILES.inputSchema,
    BUNDLE_FILES.referenceStats,
    BUNDLE_FILES.metrics,
    BUNDLE_FILES.card,
  ]) {
    await cp(join(trainedBundle, file), join(dir, file));
  }
  const metadata = JSON.parse(
    await readFile(join(trainedBundle, BUNDLE_FILES.metadata), 'utf8'),
  ) as BundleMetadata;
  const model = buildRawInputModel({ inverted: name === 'loans-inverted' });
  const spec = buildRawInputSpec(metadata.data.rows);
  await writeFile(join(dir, BUNDLE_FILES.onnx), model);
  await writeFile(join(dir, BUNDLE_FILES.featureSpec), `${JSON.stringify(spec, null, 2)}\n`);
  const { files: _files, ...rest } = metadata;
  await finalizeBundle(dir, {
    ...rest,
    version: null,
    imported: {
      file: `notebook/${name}.onnx`,
      sha256: '0'.repeat(64),
      producer: { name: 'skl2onnx-stand-in', version: '0' },
      opsets: { '': 17, 'ai.onnx.ml': 3 },
      inputs: (spec.modelInputs ?? []).map((input) => ({
        name: input.name,
        elementType: input.elementType,
        shape: ['N', 1],
      })),
      rewrites: [],
    },
  });
}
