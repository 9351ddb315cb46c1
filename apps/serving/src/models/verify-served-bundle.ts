import { join } from 'node:path';
import type { BundleMetadata } from '@modelship/model-bundle';
import {
  BUNDLE_FILES,
  BundleIntegrityError,
  checkBundleFiles,
  readBundleMetadata,
  REQUIRED_BUNDLE_FILES,
} from '@modelship/model-bundle';

/** The TensorFlow.js model of a bundle, served when the bundle has no `model.onnx`. */
export const TFJS_MODEL_JSON = `${BUNDLE_FILES.tfjsDir}/model.json`;

/** A verified bundle and the model file its workers load. */
export interface ServedBundle {
  metadata: BundleMetadata;
  /** `model.onnx` (onnxruntime-node), or `tfjs/model.json` for a bundle without it. */
  modelPath: string;
}

/**
 * Verifies a bundle folder as the model-bundle library's verifyBundle does (every file's size
 * and sha256 against metadata.json, every required file present, nothing unlisted), except that
 * a bundle listing `tfjs/model.json` but no `model.onnx` is accepted and served by TensorFlow.js.
 * Throws BundleIntegrityError listing every problem.
 */
export async function verifyServedBundle(dir: string): Promise<ServedBundle> {
  const metadata = await readBundleMetadata(dir);
  const tfjsOnly = !(BUNDLE_FILES.onnx in metadata.files) && TFJS_MODEL_JSON in metadata.files;
  const required = REQUIRED_BUNDLE_FILES.filter(
    (file) => file !== BUNDLE_FILES.metadata && !(tfjsOnly && file === BUNDLE_FILES.onnx),
  );
  const problems = await checkBundleFiles(dir, metadata.files, {
    required: tfjsOnly ? [...required, TFJS_MODEL_JSON] : required,
    ignore: [BUNDLE_FILES.metadata],
  });
  if (problems.length > 0) throw new BundleIntegrityError(dir, problems);
  return { metadata, modelPath: join(dir, tfjsOnly ? TFJS_MODEL_JSON : BUNDLE_FILES.onnx) };
}
