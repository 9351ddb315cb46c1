import type { InferenceSession } from 'onnxruntime-node';
import { ImportError } from './import-error.js';

/**
 * Opens an onnxruntime-node session on a model file or its bytes. A model the runtime cannot
 * load (an operator it does not implement, an opset it does not know) is refused naming the
 * operator and the opset from the runtime's own message, and the file.
 * @throws ImportError `E_IMPORT_MODEL_LOAD`
 */
export async function loadOnnxSession(file: string, bytes?: Uint8Array): Promise<InferenceSession> {
  // Loaded lazily so commands that never score rows do not load the native runtime.
  const ort = await import('onnxruntime-node');
  try {
    return bytes
      ? await ort.InferenceSession.create(bytes)
      : await ort.InferenceSession.create(file);
  } catch (error) {
    const message = (error as Error).message.replace(/\s+/g, ' ').trim();
    throw new ImportError({
      code: 'E_IMPORT_MODEL_LOAD',
      file,
      problem: `onnxruntime-node ${readRuntimeVersion(ort)} cannot load this model: ${describeLoadFailure(message)} (onnxruntime: ${message})`,
      fix: 'export the model with operators and an opset onnxruntime supports (for example a lower `target_opset` in skl2onnx or `opset_version` in torch.onnx.export)',
      cause: error,
    });
  }
}

/** The operator and opset onnxruntime names when it refuses a model, in a few words. */
export function describeLoadFailure(message: string): string {
  const noOp = /No Op registered for (\S+) with domain_version of (\d+)/.exec(message);
  if (noOp) {
    const node = new RegExp(`In Node, \\("[^"]*", ${noOp[1]}, "([^"]*)"`).exec(message);
    const domain = node ? ` of domain ${node[1] === '' ? 'ai.onnx' : node[1]}` : '';
    return `operator ${noOp[1]}${domain} is not registered at opset ${noOp[2]}`;
  }
  const notRegistered =
    /(?:Fatal error: )?([\w.]*):(\w+)\((-?\d+)\) is not a registered function\/op/.exec(message);
  if (notRegistered) {
    const domain = notRegistered[1] === '' ? 'ai.onnx' : notRegistered[1];
    const opset = notRegistered[3] === '-1' ? 'any opset' : `opset ${notRegistered[3]}`;
    return `operator ${notRegistered[2]} of domain ${domain} is not registered at ${opset}`;
  }
  const noKernel = /Could not find an implementation for (\w+)\((\d+)\)/.exec(message);
  if (noKernel) return `operator ${noKernel[1]} has no implementation at opset ${noKernel[2]}`;
  const opset = /Opset (\d+) (?:is under development|is not supported)/i.exec(message);
  if (opset) return `opset ${opset[1]} is newer than the runtime supports`;
  return 'the runtime refused the graph';
}

// --- internal ---

function readRuntimeVersion(ort: { env: { versions?: { common?: string } } }): string {
  return ort.env.versions?.common ?? '';
}
