import { describeLoadFailure } from './load-onnx-session.js';

// onnxruntime's refusals as it words them, and the operator and opset import names from each.
describe('describeLoadFailure', () => {
  it.each([
    [
      'Load model from m.onnx failed:This is an invalid model. In Node, ("Scaler_variable3", RobustScaler, "ai.onnx.ml", -1) : ("variable2": tensor(float),) -> ("variable3",) , Error No Op registered for RobustScaler with domain_version of 1',
      'operator RobustScaler of domain ai.onnx.ml is not registered at opset 1',
    ],
    [
      'Load model from m.onnx failed:Fatal error: ai.onnx.ml:FancyEncoder(-1) is not a registered function/op',
      'operator FancyEncoder of domain ai.onnx.ml is not registered at any opset',
    ],
    [
      "Could not find an implementation for Gelu(20) node with name 'gelu'",
      'operator Gelu has no implementation at opset 20',
    ],
    [
      'ONNX Runtime only *guarantees* support for models stamped with official released onnx opset versions. Opset 99 is under development and support for this is limited.',
      'opset 99 is newer than the runtime supports',
    ],
    ['something else entirely', 'the runtime refused the graph'],
  ])('%s', (message, expected) => {
    expect(describeLoadFailure(message)).toBe(expected);
  });
});
