import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

export type Tensorflow = typeof tf;

/** The TensorFlow.js namespace with the backend it runs on. */
export interface TensorflowRuntime {
  tf: Tensorflow;
  /** "tensorflow" (tfjs-node), "wasm" or "cpu". */
  backend: string;
  /** Why a faster backend was not used, when it was not. */
  fallbackReason: string | null;
}

/** Backends in the order tried; MODELSHIP_TF_BACKEND picks one (for comparisons and tests). */
export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

let loaded: Promise<TensorflowRuntime> | undefined;

/**
 * Loads TensorFlow.js once per process: native TensorFlow through `@tensorflow/tfjs-node` when
 * that optional dependency is installed, else the WebAssembly backend, else (saying why) the
 * pure-JavaScript cpu backend.
 */
export function loadTensorflow(
  prefer = process.env['MODELSHIP_TF_BACKEND'] as BackendName | undefined,
): Promise<TensorflowRuntime> {
  loaded ??= selectBackend(prefer);
  return loaded;
}

// --- internal ---

async function selectBackend(prefer: BackendName | undefined): Promise<TensorflowRuntime> {
  const reasons: string[] = [];
  if (prefer === undefined || prefer === 'tensorflow') {
    const reason = await tryNativeBackend();
    if (reason === null) return { tf, backend: 'tensorflow', fallbackReason: null };
    reasons.push(reason);
  }
  if (prefer !== 'cpu') {
    const reason = await tryWasmBackend();
    if (reason === null) return { tf, backend: 'wasm', fallbackReason: reasons.join('; ') || null };
    reasons.push(reason);
  }
  await tf.setBackend('cpu');
  await tf.ready();
  return { tf, backend: 'cpu', fallbackReason: reasons.join('; ') || null };
}

async function tryNativeBackend(): Promise<string | null> {
  // A variable specifier: the package is an optional dependency and may be absent at compile time.
  const specifier = '@tensorflow/tfjs-node';
  try {
    await import(specifier);
    if (await tf.setBackend('tensorflow')) return null;
    return '@tensorflow/tfjs-node loaded but its backend did not start';
  } catch {
    return '@tensorflow/tfjs-node is not installed (`npm i @tensorflow/tfjs-node` for native speed)';
  }
}

async function tryWasmBackend(): Promise<string | null> {
  try {
    const require = createRequire(import.meta.url);
    // In Node the wasm binaries are read from the package's own dist folder.
    setWasmPaths(
      `${join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist')}/`,
    );
    if (await tf.setBackend('wasm')) {
      await tf.ready();
      return null;
    }
    return 'the wasm backend did not start';
  } catch (error) {
    return `the wasm backend failed: ${(error as Error).message}`;
  }
}
