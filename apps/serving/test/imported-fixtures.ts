// Imported (raw-input) model bundles for the serving specs, made by global-setup beside the
// trained fixtures: the bundle of a trained fixture with its model replaced by a raw-input ONNX
// model (one named input per column) and its feature spec by the raw one `modelship import`
// writes, metadata.json recording the import. Cheap to make, so made afresh on every run.
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BundleMetadata } from '@modelship/model-bundle';
import { BUNDLE_FILES, finalizeBundle } from '@modelship/model-bundle';
import { buildRawInputModel, buildRawInputSpec } from './raw-input-model.js';

/**
 * The imported fixtures, by name, each with the trained fixture (same dataset and model name)
 * it is built over: `loans` ranks loans by the dataset's own formula, `loans-inverted` is the
 * same graph with its weights negated (it ranks them backwards: a candidate to roll back).
 */
export const IMPORTED_FIXTURES = {
  loans: { trained: 'binary', inverted: false },
  'loans-inverted': { trained: 'binary', inverted: true },
} as const;

export type ImportedFixture = keyof typeof IMPORTED_FIXTURES;

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

/** Writes the imported fixture `name` into `dir` from the trained bundle `trainedBundle`. */
export async function writeImportedBundle(
  name: ImportedFixture,
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
  const model = buildRawInputModel({ inverted: IMPORTED_FIXTURES[name].inverted });
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
