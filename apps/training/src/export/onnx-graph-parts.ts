import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

export type OnnxTensor = InstanceType<typeof onnx.TensorProto>;
export type OnnxNode = InstanceType<typeof onnx.NodeProto>;
export type OnnxValueInfo = InstanceType<typeof onnx.ValueInfoProto>;

/** A float32 initializer holding `values` in row-major order. */
export function createFloatTensor(
  name: string,
  dims: number[],
  values: ArrayLike<number>,
): OnnxTensor {
  return onnx.TensorProto.create({
    name,
    dims,
    dataType: onnx.TensorProto.DataType.FLOAT,
    // raw_data is little-endian by the ONNX spec; copy so the bytes do not alias a larger buffer.
    rawData: new Uint8Array(Float32Array.from(values).buffer),
  });
}

/** One node of the default domain; `axis` is the only attribute the graphs here use. */
export function createNode(
  name: string,
  opType: string,
  input: string[],
  output: string,
  axis?: number,
): OnnxNode {
  return onnx.NodeProto.create({
    name,
    opType,
    input,
    output: [output],
    ...(axis === undefined
      ? {}
      : { attribute: [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: axis }] }),
  });
}

/** A float32 [N, width] graph input or output, N being the dynamic batch dimension. */
export function createValueInfo(name: string, width: number): OnnxValueInfo {
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
