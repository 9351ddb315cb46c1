// One flaw each in a good model's graph, for `modelship import`'s error tests.
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

/**
 * - `unknown-operator`: the Scaler becomes an `ai.onnx.ml` RobustScaler, an operator no runtime has.
 * - `unmatched-input`: the first float input is renamed `<name>_v2`, a name no column has.
 * - `second-dynamic-dim`: every input's second dimension becomes the symbolic `n_features`.
 */
export type ModelFlaw = 'unknown-operator' | 'unmatched-input' | 'second-dynamic-dim';

/** The model's bytes with the flaw written in. */
export function breakModel(bytes: Uint8Array, flaw: ModelFlaw): Uint8Array {
  const model = onnx.ModelProto.decode(bytes);
  const graph = model.graph as InstanceType<typeof onnx.GraphProto>;
  switch (flaw) {
    case 'unknown-operator': {
      const scaler = graph.node.find((node) => node.opType === 'Scaler');
      if (!scaler) throw new Error('The model has no Scaler to replace.');
      scaler.opType = 'RobustScaler';
      break;
    }
    case 'unmatched-input': {
      const input = graph.input.find(
        (info) => info.type?.tensorType?.elemType === onnx.TensorProto.DataType.FLOAT,
      );
      if (!input?.name) throw new Error('The model has no float input to rename.');
      const renamed = `${input.name}_v2`;
      for (const node of graph.node)
        node.input = (node.input ?? []).map((name) => (name === input.name ? renamed : name));
      input.name = renamed;
      break;
    }
    case 'second-dynamic-dim':
      for (const input of graph.input) {
        const dim = input.type?.tensorType?.shape?.dim ?? [];
        if (dim.length > 1)
          dim[1] = onnx.TensorShapeProto.Dimension.create({ dimParam: 'n_features' });
      }
      break;
  }
  return onnx.ModelProto.encode(model).finish();
}
