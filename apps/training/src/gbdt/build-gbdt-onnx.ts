import onnxProto from 'onnx-proto';
import { ONNX_INPUT, ONNX_OUTPUTS } from '@modelship/model-bundle';
import type { OnnxNode } from '../export/onnx-graph-parts.js';
import { createNode, createValueInfo } from '../export/onnx-graph-parts.js';
import type { GbdtModel, GbdtTree } from './gbdt-model.js';

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

/**
 * The trees as the flat node and leaf lists of ONNX's TreeEnsemble operators: per node its tree,
 * id (its index in the tree), feature, mode, threshold, children and missing-value direction
 * (inner nodes send x <= threshold and, where learned, NaN to the left child, the "true" branch);
 * per leaf its tree, node, output (target or class id) and weight. A model that kept no tree gets
 * one leaf adding 0 to every output, so that it still answers its base scores.
 */
export function flattenGbdtTrees(model: GbdtModel): FlatTreeEnsemble {
  const flat: FlatTreeEnsemble = {
    treeIds: [],
    nodeIds: [],
    featureIds: [],
    modes: [],
    values: [],
    trueIds: [],
    falseIds: [],
    missingTrue: [],
    leafTreeIds: [],
    leafNodeIds: [],
    leafTargets: [],
    leafWeights: [],
  };
  // One node of a tree; `tree` null for the lone leaf of a model that kept no tree.
  const pushNode = (treeId: number, n: number, tree: GbdtTree | null) => {
    const feature = tree ? (tree.feature[n] as number) : -1;
    const inner = feature >= 0 ? tree : null;
    flat.treeIds.push(treeId);
    flat.nodeIds.push(n);
    flat.featureIds.push(inner ? feature : 0);
    flat.modes.push(inner ? 'BRANCH_LEQ' : 'LEAF');
    flat.values.push(inner ? (inner.threshold[n] as number) : 0);
    flat.trueIds.push(inner ? (inner.left[n] as number) : 0);
    flat.falseIds.push(inner ? (inner.right[n] as number) : 0);
    flat.missingTrue.push(inner ? (inner.missingLeft[n] as number) : 0);
  };
  const pushLeaf = (treeId: number, n: number, target: number, weight: number) => {
    flat.leafTreeIds.push(treeId);
    flat.leafNodeIds.push(n);
    flat.leafTargets.push(target);
    flat.leafWeights.push(weight);
  };
  model.trees.forEach((tree, treeId) => {
    for (let n = 0; n < tree.feature.length; n += 1) {
      pushNode(treeId, n, tree);
      if ((tree.feature[n] as number) < 0)
        pushLeaf(treeId, n, tree.target, tree.value[n] as number);
    }
  });
  if (model.trees.length === 0) {
    pushNode(0, 0, null);
    for (let k = 0; k < model.outputs; k += 1) pushLeaf(0, 0, k, 0);
  }
  return flat;
}

/** See flattenGbdtTrees: parallel lists, one entry per node, then one per leaf. */
export interface FlatTreeEnsemble {
  treeIds: number[];
  nodeIds: number[];
  featureIds: number[];
  modes: ('BRANCH_LEQ' | 'LEAF')[];
  values: number[];
  trueIds: number[];
  falseIds: number[];
  missingTrue: number[];
  leafTreeIds: number[];
  leafNodeIds: number[];
  leafTargets: number[];
  leafWeights: number[];
}

// --- internal ---

const { AttributeType } = onnx.AttributeProto;
/** The input cast to float64: onnxruntime takes double thresholds and weights for double input only. */
const DOUBLE_INPUT = 'features_double';

function createTreeEnsemble(model: GbdtModel, output: string): OnnxNode {
  const flat = flattenGbdtTrees(model);
  const encoder = new TextEncoder();
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
      ints('nodes_falsenodeids', flat.falseIds),
      ints('nodes_featureids', flat.featureIds),
      ints('nodes_missing_value_tracks_true', flat.missingTrue),
      {
        name: 'nodes_modes',
        type: AttributeType.STRINGS,
        strings: flat.modes.map((mode) => encoder.encode(mode)),
      },
      ints('nodes_nodeids', flat.nodeIds),
      ints('nodes_treeids', flat.treeIds),
      ints('nodes_truenodeids', flat.trueIds),
      doubles('nodes_values_as_tensor', flat.values),
      { name: 'post_transform', type: AttributeType.STRING, s: encoder.encode('NONE') },
      ints('target_ids', flat.leafTargets),
      ints('target_nodeids', flat.leafNodeIds),
      ints('target_treeids', flat.leafTreeIds),
      doubles('target_weights_as_tensor', flat.leafWeights),
    ],
  });
}
