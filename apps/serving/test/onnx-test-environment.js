// A Jest environment for specs that call onnxruntime-node in the test's own realm (the reference
// scores the service's answers are compared with). The native addon creates typed arrays in
// Node's realm while onnxruntime-common checks them with `instanceof` against the sandbox's
// constructors; sharing the host's constructors makes both agree. (Same as apps/training's.)
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
