// The pieces of ONNX graphs as Python's converters write them: `ai.onnx.ml` nodes with their
// attributes, inputs and outputs whose batch dimension is unnamed ([None, 1] in Python becomes a
// dimension with neither a value nor a name), ZipMap's sequence of maps, and the model's header
// (producer, opsets). Internal to the notebook stand-ins.
import onnxProto from 'onnx-proto';
import type { OnnxNode, OnnxTensor, OnnxValueInfo } from '../../export/onnx-graph-parts.js';

const { onnx } = onnxProto;
const { AttributeType } = onnx.AttributeProto;
const { DataType } = onnx.TensorProto;
const encoder = new TextEncoder();

export type OnnxAttribute = InstanceType<typeof onnx.AttributeProto>;
/** Tensor element types the notebook models' inputs and outputs use. */
export type ElementType = 'float' | 'double' | 'int64' | 'string';

export const ELEMENT_TYPES: Readonly<Record<ElementType, number>> = {
  float: DataType.FLOAT,
  double: DataType.DOUBLE,
  int64: DataType.INT64,
  string: DataType.STRING,
};

/** Attribute builders, by the attribute's ONNX type. */
export const attribute = {
  int: (name: string, i: number): OnnxAttribute =>
    onnx.AttributeProto.create({ name, type: AttributeType.INT, i }),
  ints: (name: string, ints: ArrayLike<number>): OnnxAttribute =>
    onnx.AttributeProto.create({ name, type: AttributeType.INTS, ints: Array.from(ints) }),
  float: (name: string, f: number): OnnxAttribute =>
    onnx.AttributeProto.create({ name, type: AttributeType.FLOAT, f }),
  floats: (name: string, floats: ArrayLike<number>): OnnxAttribute =>
    onnx.AttributeProto.create({ name, type: AttributeType.FLOATS, floats: Array.from(floats) }),
  string: (name: string, s: string): OnnxAttribute =>
    onnx.AttributeProto.create({ name, type: AttributeType.STRING, s: encoder.encode(s) }),
  strings: (name: string, strings: readonly string[]): OnnxAttribute =>
    onnx.AttributeProto.create({
      name,
      type: AttributeType.STRINGS,
      strings: strings.map((s) => encoder.encode(s)),
    }),
};

/** A node of any domain with any number of outputs (`createNode` covers the default domain's one-output nodes). */
export function createMlNode(
  opType: string,
  input: string[],
  output: string[],
  attributes: OnnxAttribute[] = [],
  domain = 'ai.onnx.ml',
): OnnxNode {
  return onnx.NodeProto.create({
    name: `${opType}_${output[0]}`,
    opType,
    domain,
    input,
    output,
    attribute: attributes,
  });
}

/** A Cast node to `to`. */
export function createCast(input: string, output: string, to: ElementType): OnnxNode {
  return createMlNode('Cast', [input], [output], [attribute.int('to', ELEMENT_TYPES[to])], '');
}

/** An int64 initializer (Reshape's shape, Gather's indices). */
export function createInt64Tensor(name: string, values: readonly number[]): OnnxTensor {
  return onnx.TensorProto.create({
    name,
    dims: [values.length],
    dataType: DataType.INT64,
    int64Data: [...values],
  });
}

/**
 * A tensor input or output. `null` is Python's `None`: a dimension with no value and no name, as
 * skl2onnx and onnxmltools write the batch dimension; a string is a named (symbolic) dimension.
 */
export function createTensorInfo(
  name: string,
  type: ElementType,
  shape: readonly (number | string | null)[],
): OnnxValueInfo {
  const dim = shape.map((d) =>
    d === null ? {} : typeof d === 'number' ? { dimValue: d } : { dimParam: d },
  );
  return onnx.ValueInfoProto.create({
    name,
    type: { tensorType: { elemType: ELEMENT_TYPES[type], shape: { dim } } },
  });
}

/** ZipMap's output: a sequence of maps from each class label to its float probability. */
export function createZipMapInfo(name: string, labels: 'string' | 'int64'): OnnxValueInfo {
  return onnx.ValueInfoProto.create({
    name,
    type: {
      sequenceType: {
        elemType: {
          mapType: {
            keyType: ELEMENT_TYPES[labels],
            valueType: { tensorType: { elemType: DataType.FLOAT } },
          },
        },
      },
    },
  });
}

/** A classifier's or ZipMap's labels: `classlabels_strings`, or the int64 list under `intsName`. */
export function createLabelAttribute(
  labels: readonly string[] | readonly number[],
  intsName: string,
): OnnxAttribute {
  return typeof labels[0] === 'number'
    ? attribute.ints(intsName, labels as readonly number[])
    : attribute.strings('classlabels_strings', labels as readonly string[]);
}

export interface NotebookGraph {
  /** skl2onnx or onnxmltools, with its version. */
  producer: { name: string; version: string };
  /** Operator set versions by domain ('' is ai.onnx). */
  opsets: Record<string, number>;
  name: string;
  node: OnnxNode[];
  input: OnnxValueInfo[];
  output: OnnxValueInfo[];
  initializer?: OnnxTensor[];
}

/** Encodes the graph as a model file's bytes. */
export function encodeNotebookGraph(graph: NotebookGraph): Uint8Array {
  const proto = onnx.ModelProto.create({
    irVersion: 8,
    producerName: graph.producer.name,
    producerVersion: graph.producer.version,
    domain: 'ai.onnx',
    modelVersion: 0,
    opsetImport: Object.entries(graph.opsets).map(([domain, version]) => ({ domain, version })),
    graph: {
      name: graph.name,
      node: graph.node,
      input: graph.input,
      output: graph.output,
      initializer: graph.initializer ?? [],
    },
  });
  return onnx.ModelProto.encode(proto).finish();
}
