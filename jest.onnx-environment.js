// A Jest environment for specs that run onnxruntime-node in the test's own realm. The native addon
// creates its output typed arrays in Node's realm, and onnxruntime-common (loaded inside Jest's
// sandbox) checks them with `instanceof` against the sandbox's constructors, which fails. Sharing
// the host's typed-array constructors with the sandbox makes both sides agree.
// Select it per spec file with: /** @jest-environment ../../jest.onnx-environment.js */
import { TestEnvironment } from 'jest-environment-node';

const TYPED_ARRAYS = [
  'Float32Array',
  'Float64Array',
  'Int8Array',
  'Int16Array',
  'Int32Array',
  'Uint8Array',
  'Uint16Array',
  'Uint32Array',
  'BigInt64Array',
  'BigUint64Array',
];

export default class OnnxTestEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of TYPED_ARRAYS) this.global[name] = globalThis[name];
  }
}
