import onnxProto from 'onnx-proto';
import { ONNX_OUTPUTS } from '@modelship/model-bundle';
import { createValueInfo } from '../export/onnx-graph-parts.js';
import type { OnnxModelDescription, OnnxModelProto } from './read-onnx-model.js';
import type { LogitActivation, OutputPlan } from './plan-model-outputs.js';

const { onnx } = onnxProto;
type OnnxNode = InstanceType<typeof onnx.NodeProto>;
type OnnxGraph = InstanceType<typeof onnx.GraphProto>;

/** The rewritten model, and one line per change made to the original graph. */
export interface RewrittenModel {
  bytes: Uint8Array;
  rewrites: string[];
}

/** The classifier's columns to keep, in output order, and their class names (for the record). */
export interface ClassColumns {
  columns: number[];
  classes: string[];
  modelLabels: string[] | null;
}

/** The default-domain opset added to a graph that imports none (Gather, Cast, Reshape need it). */
const DEFAULT_OPSET = 13;
const PREFIX = 'modelship_import';

/**
 * Rewrites a model to the kit's output contract: one float32 graph output named by
 * ONNX_OUTPUTS (binary [N, 1] positive probability, multiclass [N, K] in the vocabulary's order,
 * regression [N, 1]). It drops a ZipMap and exposes the probability tensor feeding it, turns a
 * classifier's logits into probabilities when asked (`activation`, from `--logits`), Gathers
 * the positive class or reorders the classes, Casts to float32, Reshapes to [N, 1], and prunes
 * every node and initializer the output no longer needs. Nothing is changed that the contract
 * does not require.
 */
export function rewriteModelOutputs(
  model: OnnxModelDescription,
  plan: OutputPlan,
  classColumns: ClassColumns | null,
  activation: LogitActivation | null = null,
): RewrittenModel {
  const proto: OnnxModelProto = onnx.ModelProto.decode(
    onnx.ModelProto.encode(model.proto).finish(),
  );
  const graph = proto.graph as OnnxGraph;
  const output = ONNX_OUTPUTS[plan.task];
  const rewrites: string[] = [];
  const added: OnnxNode[] = [];
  const gather =
    plan.task !== 'regression' &&
    classColumns !== null &&
    !isIdentity(classColumns.columns, plan.source.width);
  const cast = plan.source.elementType !== 'float';
  const reshape = readRank(model, plan.source.name) !== 2;
  // The kit's output name must be free for the last node to write: the source (or any other
  // tensor of that name) steps aside.
  const outputsBefore = (graph.output ?? []).map((o) => o.name ?? '');
  let current = plan.source.name;
  if (current !== output || activation || gather || cast || reshape) {
    renameTensor(graph, output, `${output}__source`);
    if (current === output) current = `${output}__source`;
  }
  const next = (op: string) => `${PREFIX}_${op.toLowerCase()}`;

  if (plan.task !== 'regression' && plan.zipMap) {
    rewrites.push(
      `removed ZipMap "${plan.zipMap.node}" (output "${plan.zipMap.output}", a sequence of maps onnxruntime-node cannot return) and exposed the probability tensor "${plan.source.name}" that fed it`,
    );
  }
  const width = plan.task === 'regression' ? 1 : (classColumns?.columns.length ?? 1);
  if (activation) {
    // Softmax over the class axis (opset 13 and later default to the last, as does 1 of [N, K]).
    added.push(
      createNode(
        activation,
        [current],
        next(activation),
        activation === 'Softmax' ? [{ name: 'axis', type: INT, i: 1 }] : [],
      ),
    );
    current = next(activation);
    rewrites.push(
      activation === 'Sigmoid'
        ? `applied Sigmoid to the logits "${plan.source.name}" (--logits)`
        : `applied Softmax over the classes to the logits "${plan.source.name}" (--logits)`,
    );
  }
  if (gather && classColumns) {
    graph.initializer = [
      ...(graph.initializer ?? []),
      createInt64Tensor(`${PREFIX}_columns`, classColumns.columns),
    ];
    added.push(
      createNode('Gather', [current, `${PREFIX}_columns`], next('Gather'), [
        { name: 'axis', type: INT, i: 1 },
      ]),
    );
    current = next('Gather');
    const labels = classColumns.modelLabels ?? [];
    rewrites.push(
      plan.task === 'binary'
        ? `kept column ${classColumns.columns[0]} of "${plan.source.name}" (class "${classColumns.classes[1]}", the positive one) as [N, 1]`
        : `reordered the class columns of "${plan.source.name}" from the model's order (${labels.join(', ')}) to the vocabulary's (${classColumns.classes.join(', ')})`,
    );
  }
  if (cast) {
    added.push(
      createNode('Cast', [current], next('Cast'), [
        { name: 'to', type: INT, i: onnx.TensorProto.DataType.FLOAT },
      ]),
    );
    current = next('Cast');
    rewrites.push(`cast ${plan.source.elementType} to float32`);
  }
  if (reshape) {
    graph.initializer = [
      ...(graph.initializer ?? []),
      createInt64Tensor(`${PREFIX}_shape`, [-1, 1]),
    ];
    added.push(createNode('Reshape', [current, `${PREFIX}_shape`], next('Reshape')));
    current = next('Reshape');
    rewrites.push(`reshaped "${plan.source.name}" to [N, 1]`);
  }
  const last = added.at(-1);
  if (last) last.output = [output];
  else if (current !== output) {
    added.push(createNode('Identity', [current], output));
    rewrites.push(`named "${current}" "${output}"`);
  }
  graph.node = [...(graph.node ?? []), ...added];
  graph.output = [createValueInfo(output, width)];
  const gone = outputsBefore.filter((name) => name !== output);
  if (gone.length > 0)
    rewrites.push(
      `replaced the outputs ${gone.map((n) => `"${n}"`).join(', ')} by "${output}" float32 [N, ${width}]`,
    );
  const pruned = pruneGraph(graph);
  if (pruned.length > 0)
    rewrites.push(
      `pruned ${pruned.length} node${pruned.length === 1 ? '' : 's'} no output needs any more (${pruned.join(', ')})`,
    );
  if (added.length > 0 && !(proto.opsetImport ?? []).some((opset) => (opset.domain ?? '') === '')) {
    proto.opsetImport = [...(proto.opsetImport ?? []), { domain: '', version: DEFAULT_OPSET }];
    rewrites.push(
      `imported the default operator set at opset ${DEFAULT_OPSET} for the added nodes`,
    );
  }
  return { bytes: onnx.ModelProto.encode(proto).finish(), rewrites };
}

// --- internal ---

const INT = onnx.AttributeProto.AttributeType.INT;

function isIdentity(columns: readonly number[], width: number): boolean {
  return columns.length === width && columns.every((column, index) => column === index);
}

function createNode(
  opType: string,
  input: string[],
  output: string,
  attribute: { name: string; type: number; i: number }[] = [],
): OnnxNode {
  return onnx.NodeProto.create({
    name: `${PREFIX}_${opType}`,
    opType,
    input,
    output: [output],
    attribute,
  });
}

function createInt64Tensor(name: string, values: readonly number[]) {
  return onnx.TensorProto.create({
    name,
    dims: [values.length],
    dataType: onnx.TensorProto.DataType.INT64,
    rawData: new Uint8Array(BigInt64Array.from(values, (v) => BigInt(v)).buffer),
  });
}

// The source's rank as the model declares it (graph output or value_info); 2 when unknown.
function readRank(model: OnnxModelDescription, name: string): number {
  const graph = model.proto.graph;
  const declared = [...(graph?.output ?? []), ...(graph?.valueInfo ?? [])].find(
    (value) => value.name === name,
  );
  const dims = declared?.type?.tensorType?.shape?.dim;
  return dims ? dims.length : 2;
}

// A tensor of the kit's output name that is not the source gets out of the way.
function renameTensor(graph: OnnxGraph, from: string, to: string): void {
  const rename = (names: string[] | null | undefined) =>
    (names ?? []).map((name) => (name === from ? to : name));
  for (const node of graph.node ?? []) {
    node.input = rename(node.input);
    node.output = rename(node.output);
  }
  for (const value of [...(graph.valueInfo ?? []), ...(graph.output ?? [])])
    if (value.name === from) value.name = to;
}

// Keeps the nodes the graph's outputs depend on; answers the removed ones' names.
function pruneGraph(graph: OnnxGraph): string[] {
  const needed = new Set((graph.output ?? []).map((o) => o.name ?? ''));
  const nodes = graph.node ?? [];
  const keep = new Array<boolean>(nodes.length).fill(false);
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i] as OnnxNode;
    if (!(node.output ?? []).some((name) => needed.has(name))) continue;
    keep[i] = true;
    for (const name of node.input ?? []) needed.add(name);
    // A subgraph (If, Loop) may read outer tensors: keep everything it names.
    for (const attribute of node.attribute ?? [])
      for (const sub of [attribute.g, ...(attribute.graphs ?? [])])
        if (sub)
          for (const inner of sub.node ?? [])
            for (const name of inner.input ?? []) needed.add(name);
  }
  const removed = nodes
    .filter((_, i) => !keep[i])
    .map((node) => `${node.opType} "${node.name ?? ''}"`);
  graph.node = nodes.filter((_, i) => keep[i]);
  const initializers = graph.initializer ?? [];
  const unused = new Set(initializers.map((t) => t.name ?? '').filter((name) => !needed.has(name)));
  graph.initializer = initializers.filter((tensor) => !unused.has(tensor.name ?? ''));
  // Models of old IR versions also list their initializers as graph inputs.
  graph.input = (graph.input ?? []).filter((input) => !unused.has(input.name ?? ''));
  graph.valueInfo = (graph.valueInfo ?? []).filter((value) => needed.has(value.name ?? ''));
  return removed;
}
