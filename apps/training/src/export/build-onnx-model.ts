import onnxProto from 'onnx-proto';
import type { Task } from '@modelship/core';
import { ONNX_INPUT, ONNX_OUTPUTS } from '@modelship/model-bundle';
import type { TargetScaling } from '../train/target-scaling.js';
import type { DenseLayer } from './extract-dense-layers.js';
import type { OnnxNode, OnnxTensor } from './onnx-graph-parts.js';
import { createFloatTensor, createNode, createValueInfo } from './onnx-graph-parts.js';

const { onnx } = onnxProto;

// The names live in the bundle library so serving reads them from the same place.
export { ONNX_INPUT, ONNX_OUTPUTS };
/** The binary graph's output: the positive class's probability, float32 [N, 1]. */
export const ONNX_OUTPUT = ONNX_OUTPUTS.binary;
export const ONNX_OPSET = 13;

/** What the graph answers after its last dense layer; regression carries the target's scaling. */
export type OnnxHead =
  { task: 'binary' } | { task: 'multiclass' } | { task: 'regression'; scaling: TargetScaling };

export interface OnnxModelOptions {
  /** Stored in the model's metadata_props (for example feature names, the producing version). */
  metadata?: Record<string, string>;
  docString?: string;
  /** The graph's name. @default 'modelship_mlp' */
  graphName?: string;
  /** Binary unless said otherwise. */
  head?: OnnxHead;
}

/**
 * Writes a chain of dense layers as an ONNX model (opset 13): one Gemm and one activation per
 * layer (Softmax over the class axis for multiclass); a regression graph then turns the
 * network's standardised answer back into the target's units with a Mul and an Add, so any
 * target scaling lives inside the model. Input `features`, output named by `ONNX_OUTPUTS`.
 */
export function buildOnnxModel(
  layers: readonly DenseLayer[],
  options: OnnxModelOptions = {},
): Uint8Array {
  const head = options.head ?? { task: 'binary' };
  const first = layers[0];
  const last = layers.at(-1);
  if (!first || !last) throw new Error('Cannot export a model without layers to ONNX.');
  checkLastActivation(head, last);
  const output = ONNX_OUTPUTS[head.task];
  const initializer: OnnxTensor[] = [];
  const node: OnnxNode[] = [];
  let current = ONNX_INPUT;
  layers.forEach((layer, index) => {
    const op = ACTIVATION_OPS[layer.activation];
    if (op === undefined)
      throw new Error(`Cannot export activation "${layer.activation}" of ${layer.name} to ONNX.`);
    const endsGraph = index === layers.length - 1 && head.task !== 'regression';
    const gemmOut = endsGraph && op === null ? output : `${layer.name}_gemm`;
    initializer.push(
      createFloatTensor(`${layer.name}_kernel`, [layer.inputs, layer.units], layer.kernel),
      createFloatTensor(`${layer.name}_bias`, [layer.units], layer.bias),
    );
    node.push(
      createNode(
        `${layer.name}_Gemm`,
        'Gemm',
        [current, `${layer.name}_kernel`, `${layer.name}_bias`],
        gemmOut,
      ),
    );
    current = gemmOut;
    if (op !== null) {
      const activationOut = endsGraph ? output : `${layer.name}_${layer.activation}`;
      // Softmax normalises over the class axis (1), never across the rows of a batch.
      const axis = op === 'Softmax' ? 1 : undefined;
      node.push(createNode(`${layer.name}_${op}`, op, [current], activationOut, axis));
      current = activationOut;
    }
  });
  if (head.task === 'regression') {
    const { mean, std } = head.scaling;
    initializer.push(
      createFloatTensor('target_std', [1], [std]),
      createFloatTensor('target_mean', [1], [mean]),
    );
    node.push(
      createNode('target_Mul', 'Mul', [current, 'target_std'], 'target_scaled'),
      createNode('target_Add', 'Add', ['target_scaled', 'target_mean'], output),
    );
  }
  const model = onnx.ModelProto.create({
    irVersion: 7,
    opsetImport: [{ domain: '', version: ONNX_OPSET }],
    producerName: 'modelship',
    producerVersion: '1',
    docString: options.docString ?? '',
    graph: {
      name: options.graphName ?? 'modelship_mlp',
      node,
      initializer,
      input: [createValueInfo(ONNX_INPUT, first.inputs)],
      output: [createValueInfo(output, last.units)],
    },
    metadataProps: Object.entries(options.metadata ?? {}).map(([key, value]) => ({ key, value })),
  });
  return onnx.ModelProto.encode(model).finish();
}

// --- internal ---

const ACTIVATION_OPS: Record<string, string | null> = {
  relu: 'Relu',
  tanh: 'Tanh',
  sigmoid: 'Sigmoid',
  elu: 'Elu',
  selu: 'Selu',
  softplus: 'Softplus',
  softmax: 'Softmax',
  linear: null,
};

// A multiclass graph must answer probabilities and a regression graph an unbounded value; a
// network built for another task would export silently wrong answers.
const HEAD_ACTIVATIONS: Partial<Record<Task, string>> = {
  multiclass: 'softmax',
  regression: 'linear',
};

function checkLastActivation(head: OnnxHead, last: DenseLayer): void {
  const expected = HEAD_ACTIVATIONS[head.task];
  if (expected !== undefined && last.activation !== expected) {
    throw new Error(
      `Cannot export ${last.name} as a ${head.task} output: its activation is "${last.activation}", a ${head.task} network ends in "${expected}".`,
    );
  }
}
