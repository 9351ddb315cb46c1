import onnxProto from 'onnx-proto';
import type { DenseLayer } from './extract-dense-layers.js';

const { onnx } = onnxProto;

/** The ONNX graph's input and output names: serving feeds `features` and reads `probability`. */
export const ONNX_INPUT = 'features';
export const ONNX_OUTPUT = 'probability';
export const ONNX_OPSET = 13;

const ACTIVATION_OPS: Record<string, string | null> = {
  relu: 'Relu',
  tanh: 'Tanh',
  sigmoid: 'Sigmoid',
  elu: 'Elu',
  selu: 'Selu',
  softplus: 'Softplus',
  linear: null,
};

export interface OnnxModelOptions {
  /** Stored in the model's metadata_props (for example feature names, the producing version). */
  metadata?: Record<string, string>;
  docString?: string;
}

/**
 * Writes a chain of dense layers as an ONNX model (opset 13): one Gemm and one activation per
 * layer. Input `features` float32 [N, width] with a dynamic batch, output `probability` [N, 1].
 */
export function buildOnnxModel(
  layers: readonly DenseLayer[],
  options: OnnxModelOptions = {},
): Uint8Array {
  const first = layers[0];
  const last = layers.at(-1);
  if (!first || !last) throw new Error('Cannot export a network without layers to ONNX.');
  const initializer: InstanceType<typeof onnx.TensorProto>[] = [];
  const node: InstanceType<typeof onnx.NodeProto>[] = [];
  let current = ONNX_INPUT;
  layers.forEach((layer, index) => {
    const op = ACTIVATION_OPS[layer.activation];
    if (op === undefined)
      throw new Error(`Cannot export activation "${layer.activation}" of ${layer.name} to ONNX.`);
    const isLast = index === layers.length - 1;
    const gemmOut = isLast && op === null ? ONNX_OUTPUT : `${layer.name}_gemm`;
    initializer.push(
      createFloatTensor(`${layer.name}_kernel`, [layer.inputs, layer.units], layer.kernel),
      createFloatTensor(`${layer.name}_bias`, [layer.units], layer.bias),
    );
    node.push(
      onnx.NodeProto.create({
        name: `${layer.name}_Gemm`,
        opType: 'Gemm',
        input: [current, `${layer.name}_kernel`, `${layer.name}_bias`],
        output: [gemmOut],
      }),
    );
    current = gemmOut;
    if (op !== null) {
      const activationOut = isLast ? ONNX_OUTPUT : `${layer.name}_${layer.activation}`;
      node.push(
        onnx.NodeProto.create({
          name: `${layer.name}_${op}`,
          opType: op,
          input: [current],
          output: [activationOut],
        }),
      );
      current = activationOut;
    }
  });
  const model = onnx.ModelProto.create({
    irVersion: 7,
    opsetImport: [{ domain: '', version: ONNX_OPSET }],
    producerName: 'modelship',
    producerVersion: '1',
    docString: options.docString ?? '',
    graph: {
      name: 'modelship_mlp',
      node,
      initializer,
      input: [createValueInfo(ONNX_INPUT, first.inputs)],
      output: [createValueInfo(ONNX_OUTPUT, last.units)],
    },
    metadataProps: Object.entries(options.metadata ?? {}).map(([key, value]) => ({ key, value })),
  });
  return onnx.ModelProto.encode(model).finish();
}

// --- internal ---

function createFloatTensor(
  name: string,
  dims: number[],
  values: Float32Array,
): InstanceType<typeof onnx.TensorProto> {
  return onnx.TensorProto.create({
    name,
    dims,
    dataType: onnx.TensorProto.DataType.FLOAT,
    // raw_data is little-endian by the ONNX spec; copy so the bytes do not alias a larger buffer.
    rawData: new Uint8Array(Float32Array.from(values).buffer),
  });
}

function createValueInfo(name: string, width: number): InstanceType<typeof onnx.ValueInfoProto> {
  return onnx.ValueInfoProto.create({
    name,
    type: {
      tensorType: {
        elemType: onnx.TensorProto.DataType.FLOAT,
        shape: { dim: [{ dimParam: 'N' }, { dimValue: width }] },
      },
    },
  });
}
