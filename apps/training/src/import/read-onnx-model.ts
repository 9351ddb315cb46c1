import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import onnxProto from 'onnx-proto';
import { ImportError } from './import-error.js';

const { onnx } = onnxProto;

export type OnnxModelProto = InstanceType<typeof onnx.ModelProto>;
type OnnxTypeProto = onnxProto.onnx.ITypeProto;

/** A dimension: its size, or the name (or `?`) of a dynamic one. */
export type OnnxDim = number | string;

/** A graph input's or output's type, as far as import needs it. */
export type OnnxValueType =
  | { kind: 'tensor'; elementType: string; shape: OnnxDim[] | null }
  | { kind: 'sequence-map'; keyType: string; valueType: string }
  | { kind: 'other'; description: string };

export interface OnnxValue {
  name: string;
  type: OnnxValueType;
}

/** What import reads of a model file before deciding anything. */
export interface OnnxModelDescription {
  file: string;
  /** sha256 of the file's bytes, as given (before any rewrite). */
  sha256: string;
  proto: OnnxModelProto;
  producer: { name: string; version: string };
  /** Operator set versions by domain ("" is ai.onnx). */
  opsets: Record<string, number>;
  /** The graph inputs the caller feeds (initializers listed as inputs are left out). */
  inputs: OnnxValue[];
  outputs: OnnxValue[];
  /**
   * The classifier's class labels in its output order, as text: a ZipMap's keys when there is
   * one, else the classifier operator's `classlabels_strings` / `classlabels_int64s`; null when
   * the graph names none (a PyTorch network).
   */
  classLabels: string[] | null;
}

/** Operators of `ai.onnx.ml` whose attributes name a classifier's labels. */
const LABELLED_OPS = ['ZipMap', 'LinearClassifier', 'TreeEnsembleClassifier', 'SVMClassifier'];

/**
 * Parses an ONNX file and describes its inputs, outputs, opsets, producer and class labels.
 * @throws ImportError `E_IMPORT_MODEL_FILE` when the file is missing or is not an ONNX model
 */
export function readOnnxModel(file: string): OnnxModelDescription {
  if (!existsSync(file)) {
    throw new ImportError({
      code: 'E_IMPORT_MODEL_FILE',
      file,
      problem: 'the model file does not exist',
      fix: 'pass the path of the .onnx file your notebook exported',
    });
  }
  const bytes = readFileSync(file);
  let proto: OnnxModelProto;
  try {
    proto = onnx.ModelProto.decode(bytes);
  } catch (error) {
    throw notAModel(file, (error as Error).message, error);
  }
  if (!proto.graph) throw notAModel(file, 'it has no graph');
  const graph = proto.graph;
  const initializers = new Set((graph.initializer ?? []).map((tensor) => tensor.name ?? ''));
  const describe = (value: onnxProto.onnx.IValueInfoProto): OnnxValue => ({
    name: value.name ?? '',
    type: describeType(value.type ?? undefined),
  });
  return {
    file,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    proto,
    producer: { name: proto.producerName ?? '', version: proto.producerVersion ?? '' },
    opsets: Object.fromEntries(
      (proto.opsetImport ?? []).map((opset) => [opset.domain ?? '', toNumber(opset.version)]),
    ),
    inputs: (graph.input ?? [])
      .filter((input) => !initializers.has(input.name ?? ''))
      .map(describe),
    outputs: (graph.output ?? []).map(describe),
    classLabels: readClassLabels(proto),
  };
}

/** An element type as ONNX spells it in lower case: float, double, int64, string... */
export function describeElementType(elemType: number | null | undefined): string {
  return (onnx.TensorProto.DataType[elemType ?? 0] ?? 'UNDEFINED').toLowerCase();
}

/** A type as one short text for messages: `float[N, 3]`, `seq(map(string, float))`. */
export function formatValueType(type: OnnxValueType): string {
  if (type.kind === 'sequence-map') return `seq(map(${type.keyType}, ${type.valueType}))`;
  if (type.kind === 'other') return type.description;
  return `${type.elementType}[${type.shape === null ? '?' : type.shape.join(', ')}]`;
}

/** protobufjs reads int64 fields as Long objects; every count here fits a double. */
export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (value && typeof (value as { toNumber?: unknown }).toNumber === 'function')
    return (value as { toNumber(): number }).toNumber();
  return Number(value ?? 0);
}

// --- internal ---

function describeType(type: OnnxTypeProto | undefined): OnnxValueType {
  if (type?.tensorType) {
    const dims = type.tensorType.shape?.dim;
    return {
      kind: 'tensor',
      elementType: describeElementType(type.tensorType.elemType),
      shape: dims
        ? dims.map((dim) =>
            dim.dimParam
              ? dim.dimParam
              : dim.dimValue != null && toNumber(dim.dimValue) > 0
                ? toNumber(dim.dimValue)
                : '?',
          )
        : null,
    };
  }
  const element = type?.sequenceType?.elemType;
  if (element?.mapType) {
    return {
      kind: 'sequence-map',
      keyType: describeElementType(element.mapType.keyType),
      valueType: element.mapType.valueType?.tensorType
        ? describeElementType(element.mapType.valueType.tensorType.elemType)
        : 'unknown',
    };
  }
  return {
    kind: 'other',
    description: type?.sequenceType ? 'a sequence' : type?.mapType ? 'a map' : 'an unknown type',
  };
}

function readClassLabels(proto: OnnxModelProto): string[] | null {
  const nodes = proto.graph?.node ?? [];
  const byOp = (op: string) =>
    nodes.find((node) => node.opType === op && (node.domain ?? '') === 'ai.onnx.ml');
  for (const op of LABELLED_OPS) {
    const node = byOp(op);
    if (!node) continue;
    for (const attribute of node.attribute ?? []) {
      if (attribute.name === 'classlabels_strings' && attribute.strings?.length)
        return attribute.strings.map((bytes) => Buffer.from(bytes).toString('utf8'));
      if (attribute.name === 'classlabels_int64s' && attribute.ints?.length)
        return attribute.ints.map((value) => String(toNumber(value)));
    }
  }
  return null;
}

function notAModel(file: string, reason: string, cause?: unknown): ImportError {
  return new ImportError({
    code: 'E_IMPORT_MODEL_FILE',
    file,
    problem: `not an ONNX model (${reason})`,
    fix: 'export the model to ONNX (skl2onnx, onnxmltools or torch.onnx.export) and pass that file',
    cause,
  });
}
