import type { Task } from '@modelship/core';
import { ImportError } from './import-error.js';
import type { OnnxModelDescription, OnnxValue } from './read-onnx-model.js';
import { formatValueType } from './read-onnx-model.js';

/** The tensor of numbers the kit's one output is made from. */
export interface SourceTensor {
  name: string;
  elementType: string;
  /** Numbers per row (K probabilities, or 1). */
  width: number;
  /** A graph output of the original model, so onnxruntime can fetch it for the proof. */
  exposed: boolean;
}

/**
 * The function `--logits` appends to a classifier whose output is raw scores: Sigmoid on one
 * column (the positive class's logit), Softmax over the row of K.
 */
export type LogitActivation = 'Sigmoid' | 'Softmax';

/** The activation `--logits` adds to a classifier's source tensor of `width` columns. */
export function chooseActivation(width: number): LogitActivation {
  return width === 1 ? 'Sigmoid' : 'Softmax';
}

/** What import reads of a model's outputs, for the task. */
export type OutputPlan =
  | { task: 'regression'; source: SourceTensor }
  | {
      task: 'binary' | 'multiclass';
      source: SourceTensor;
      /** The ZipMap turning the probabilities into a sequence of maps, when the model has one. */
      zipMap: { node: string; output: string } | null;
      /** The model's own predicted-label tensor output, for the proof. */
      labels: { name: string; elementType: string } | null;
      /** The labels of the source's columns in order, or null when the graph names none. */
      classLabels: string[] | null;
    };

const NUMBER_TYPES = new Set(['float', 'double']);
const LABEL_TYPES = new Set(['string', 'int64', 'int32']);

/**
 * Finds the tensor the task's answer comes from: a regression value, or a classifier's
 * probabilities (a float tensor output, or the tensor feeding a ZipMap, whose sequence of maps
 * onnxruntime-node cannot return), with the label output and the class labels beside it.
 * @throws ImportError `E_IMPORT_OUTPUTS` when the outputs do not fit the task
 */
export function planModelOutputs(model: OnnxModelDescription, task: Task): OutputPlan {
  const producers = new Map<string, string>();
  for (const node of model.proto.graph?.node ?? [])
    for (const output of node.output ?? []) producers.set(output, node.opType ?? '');
  const numbers = model.outputs.filter(
    (output) => output.type.kind === 'tensor' && NUMBER_TYPES.has(output.type.elementType),
  );
  const maps = model.outputs.filter((output) => output.type.kind === 'sequence-map');
  const labels = model.outputs.filter(
    (output) => output.type.kind === 'tensor' && LABEL_TYPES.has(output.type.elementType),
  );
  const shown = model.outputs
    .map((output) => `${output.name} ${formatValueType(output.type)}`)
    .join(', ');
  const fail = (problem: string, fix: string): never => {
    throw new ImportError({
      code: 'E_IMPORT_OUTPUTS',
      file: model.file,
      problem: `${problem} (its outputs: ${shown})`,
      fix,
    });
  };

  if (task === 'regression') {
    if (maps.length > 0 || labels.length > 0 || model.classLabels) {
      fail(
        'a regression task needs a model that answers a number, and this one answers class labels',
        "import it with the classifier's --task (binary or multiclass), or export the regressor",
      );
    }
    const value = numbers.find((output) => readWidth(output) === 1);
    if (!value)
      fail(
        'a regression model must answer one number per row, [N] or [N, 1]',
        'export the regressor with one value output',
      );
    return { task, source: toSource(value as OnnxValue) };
  }

  const label = labels[0]
    ? { name: labels[0].name, elementType: (labels[0].type as { elementType: string }).elementType }
    : null;
  const zipMap = maps[0] ? findZipMap(model, maps[0].name) : null;
  if (maps[0] && !zipMap)
    fail(
      `the output "${maps[0].name}" is a sequence of maps that no ZipMap makes`,
      'export the classifier with its probabilities as a tensor (skl2onnx: options={id(model): {"zipmap": False}})',
    );
  let source: SourceTensor;
  if (zipMap) {
    source = {
      name: zipMap.input,
      elementType: 'float',
      width: model.classLabels?.length ?? 0,
      exposed: false,
    };
    const declared = numbers.find((output) => output.name === zipMap.input);
    if (declared) source = toSource(declared);
  } else {
    const candidates = numbers.filter(
      (output) => !/Regressor$/.test(producers.get(output.name) ?? ''),
    );
    if (candidates.length === 0) {
      fail(
        numbers.length > 0
          ? `a ${task} task needs class probabilities, and this model's numeric output comes from a regressor (${producers.get(numbers[0]?.name ?? '')})`
          : `a ${task} task needs class probabilities, and this model answers none`,
        numbers.length > 0
          ? 'import it with --task regression, or export the classifier'
          : 'export the classifier with its probabilities (predict_proba) as an output',
      );
    }
    source = toSource(
      candidates.find((output) => readWidth(output) > 1) ?? (candidates[0] as OnnxValue),
    );
  }
  return {
    task,
    source,
    zipMap: zipMap ? { node: zipMap.node, output: zipMap.output } : null,
    labels: label,
    classLabels: model.classLabels,
  };
}

// --- internal ---

function findZipMap(
  model: OnnxModelDescription,
  output: string,
): { node: string; output: string; input: string } | null {
  const node = (model.proto.graph?.node ?? []).find(
    (n) => n.opType === 'ZipMap' && (n.output ?? []).includes(output),
  );
  const input = node?.input?.[0];
  return node && input ? { node: node.name ?? 'ZipMap', output, input } : null;
}

function readWidth(output: OnnxValue): number {
  if (output.type.kind !== 'tensor' || output.type.shape === null) return 1;
  const { shape } = output.type;
  if (shape.length <= 1) return 1;
  const last = shape.at(-1);
  return typeof last === 'number' ? last : 0;
}

// A graph output: onnxruntime can fetch it from the original model.
function toSource(output: OnnxValue): SourceTensor {
  const elementType = output.type.kind === 'tensor' ? output.type.elementType : 'float';
  return { name: output.name, elementType, width: readWidth(output), exposed: true };
}
