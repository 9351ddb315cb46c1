import onnxProto from 'onnx-proto';
import { ONNX_INPUT, ONNX_OUTPUTS } from '@modelship/model-bundle';
import type { OnnxNode } from '../export/onnx-graph-parts.js';
import { createNode, createValueInfo } from '../export/onnx-graph-parts.js';
import type { GbdtModel } from './gbdt-model.js';

const { onnx } = onnxProto;

/** The default-domain opset of the graph (Sigmoid, Softmax) and the `ai.onnx.ml` one. */
export const GBDT_ONNX_OPSET = 15;
export const GBDT_ONNX_ML_OPSET = 3;

export interface GbdtOnnxOptions {
  /** Stored in the model's metadata_props. */
  metadata?: Record<string, string>;
  docString?: string;
}

/**
 * Writes the trees as one `ai.onnx.ml` TreeEnsembleRegressor (opset 3: thresholds, leaf weights
 * and base scores as double tensors, so onnxruntime compares and sums in float64 as
 * `predictGbdt` does), one target per output summed over the trees, then a Sigmoid (binary) or a
 * Softmax over the class axis (multiclass); a regression graph answers the sum. NaN inputs follow
 * each split's learned direction (`nodes_missing_value_tracks_true`).
 */
export function buildGbdtOnnx(model: GbdtModel, options: GbdtOnnxOptions = {}): Uint8Array {
  const { head, outputs, width } = model;
  const output = ONNX_OUTPUTS[head.task];
  const scores = head.task === 'regression' ? output : 'scores';
  const node: OnnxNode[] = [
    onnx.NodeProto.create({
      name: 'to_double',
      opType: 'Cast',
      input: [ONNX_INPUT],
      output: [DOUBLE_INPUT],
      attribute: [{ name: 'to', type: AttributeType.INT, i: onnx.TensorProto.DataType.DOUBLE }],
    }),
    createTreeEnsemble(model, scores),
  ];
  if (head.task === 'binary') node.push(createNode('sigmoid', 'Sigmoid', [scores], output));
  if (head.task === 'multiclass') node.push(createNode('softmax', 'Softmax', [scores], output, 1));
  const proto = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [
      { domain: '', version: GBDT_ONNX_OPSET },
      { domain: 'ai.onnx.ml', version: GBDT_ONNX_ML_OPSET },
    ],
    producerName: 'modelship',
    producerVersion: '1',
    docString: options.docString ?? '',
    graph: {
      name: 'modelship_gbdt',
      node,
      input: [createValueInfo(ONNX_INPUT, width)],
      output: [createValueInfo(output, outputs)],
    },
    metadataProps: Object.entries(options.metadata ?? {}).map(([key, value]) => ({ key, value })),
  });
  return onnx.ModelProto.encode(proto).finish();
}

// --- internal ---

const { AttributeType } = onnx.AttributeProto;
/** The input cast to float64: onnxruntime takes double thresholds and weights for double input only. */
const DOUBLE_INPUT = 'features_double';

function createTreeEnsemble(model: GbdtModel, output: string): OnnxNode {
  const treeIds: number[] = [];
  const nodeIds: number[] = [];
  const featureIds: number[] = [];
  const modes: Uint8Array[] = [];
  const values: number[] = [];
  const trueIds: number[] = [];
  const falseIds: number[] = [];
  const missingTrue: number[] = [];
  const targetTreeIds: number[] = [];
  const targetNodeIds: number[] = [];
  const targetIds: number[] = [];
  const weights: number[] = [];
  const encoder = new TextEncoder();
  const branch = encoder.encode('BRANCH_LEQ');
  const leaf = encoder.encode('LEAF');
  model.trees.forEach((tree, treeId) => {
    for (let n = 0; n < tree.feature.length; n += 1) {
      const feature = tree.feature[n] as number;
      const isLeaf = feature < 0;
      treeIds.push(treeId);
      nodeIds.push(n);
      featureIds.push(isLeaf ? 0 : feature);
      modes.push(isLeaf ? leaf : branch);
      values.push(isLeaf ? 0 : (tree.threshold[n] as number));
      trueIds.push(isLeaf ? 0 : (tree.left[n] as number));
      falseIds.push(isLeaf ? 0 : (tree.right[n] as number));
      missingTrue.push(isLeaf ? 0 : (tree.missingLeft[n] as number));
      if (isLeaf) {
        targetTreeIds.push(treeId);
        targetNodeIds.push(n);
        targetIds.push(tree.target);
        weights.push(tree.value[n] as number);
      }
    }
  });
  // A model that kept no tree still answers its base scores: one leaf adding 0 to every output.
  if (model.trees.length === 0) {
    treeIds.push(0);
    nodeIds.push(0);
    featureIds.push(0);
    modes.push(leaf);
    values.push(0);
    trueIds.push(0);
    falseIds.push(0);
    missingTrue.push(0);
    for (let k = 0; k < model.outputs; k += 1) {
      targetTreeIds.push(0);
      targetNodeIds.push(0);
      targetIds.push(k);
      weights.push(0);
    }
  }
  const ints = (name: string, list: number[]) => ({ name, type: AttributeType.INTS, ints: list });
  const doubles = (name: string, list: ArrayLike<number>) => ({
    name,
    type: AttributeType.TENSOR,
    t: onnx.TensorProto.create({
      name,
      dims: [list.length],
      dataType: onnx.TensorProto.DataType.DOUBLE,
      rawData: new Uint8Array(Float64Array.from(list).buffer),
    }),
  });
  return onnx.NodeProto.create({
    name: 'trees',
    opType: 'TreeEnsembleRegressor',
    domain: 'ai.onnx.ml',
    input: [DOUBLE_INPUT],
    output: [output],
    attribute: [
      { name: 'aggregate_function', type: AttributeType.STRING, s: encoder.encode('SUM') },
      doubles('base_values_as_tensor', model.baseScore),
      { name: 'n_targets', type: AttributeType.INT, i: model.outputs },
      ints('nodes_falsenodeids', falseIds),
      ints('nodes_featureids', featureIds),
      ints('nodes_missing_value_tracks_true', missingTrue),
      { name: 'nodes_modes', type: AttributeType.STRINGS, strings: modes },
      ints('nodes_nodeids', nodeIds),
      ints('nodes_treeids', treeIds),
      ints('nodes_truenodeids', trueIds),
      doubles('nodes_values_as_tensor', values),
      { name: 'post_transform', type: AttributeType.STRING, s: encoder.encode('NONE') },
      ints('target_ids', targetIds),
      ints('target_nodeids', targetNodeIds),
      ints('target_treeids', targetTreeIds),
      doubles('target_weights_as_tensor', weights),
    ],
  });
}
