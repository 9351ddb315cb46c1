// A LightGBM multiclass classifier as onnxmltools writes it with zipmap off: one float input
// [None, F], one TreeEnsembleClassifier (float thresholds and weights, post_transform SOFTMAX),
// outputs `label` and `probabilities` [None, K]. The trees are the kit's own GBDT's.
import type { RawRow } from '@modelship/features';
import { parseNumber } from '@modelship/features';
import { flattenGbdtTrees } from '../../gbdt/build-gbdt-onnx.js';
import type { GbdtParams } from '../../gbdt/gbdt-model.js';
import { predictGbdt } from '../../gbdt/predict-gbdt.js';
import { trainGbdt } from '../../gbdt/train-gbdt.js';
import type { ElementType } from './_ml-graph.js';
import {
  attribute,
  createLabelAttribute,
  createMlNode,
  createTensorInfo,
  encodeNotebookGraph,
} from './_ml-graph.js';
import type { FittedNotebookModel, NotebookTrainingData } from './_sklearn-pipelines.js';

export const ONNXMLTOOLS = { name: 'onnxmltools', version: '1.12.0' };

export interface LightgbmOptions {
  /** The numeric feature columns, in the input tensor's order. */
  columns: readonly string[];
  classes: number;
  /** The classifier's labels: 0..K-1, or texts (LGBMClassifier fitted on text labels). */
  labels: readonly number[] | readonly string[];
  params: GbdtParams;
}

/** The input onnxmltools names when told `initial_types=[('input', FloatTensorType([None, F]))]`. */
export const LIGHTGBM_INPUT = 'input';

/** Trains the trees on the notebook's rows (the last fifth as the validation split) and writes them. */
export function fitLightgbmClassifier(
  data: NotebookTrainingData,
  options: LightgbmOptions,
): FittedNotebookModel {
  const { columns, classes, labels, params } = options;
  const x = toFeatureMatrix(data.rows, columns, data.missingValues);
  const rows = data.rows.length;
  const cut = Math.floor(rows * 0.8);
  const y = Uint16Array.from(data.targets);
  const width = columns.length;
  const model = trainGbdt(
    { x: x.subarray(0, cut * width), y: y.subarray(0, cut), rows: cut, width },
    { x: x.subarray(cut * width), y: y.subarray(cut), rows: rows - cut, width },
    { task: 'multiclass', classes },
    params,
  );
  const flat = flattenGbdtTrees(model);
  const labelType: ElementType = typeof labels[0] === 'number' ? 'int64' : 'string';
  const classifier = createMlNode(
    'TreeEnsembleClassifier',
    [LIGHTGBM_INPUT],
    ['label', 'probabilities'],
    [
      attribute.floats('base_values', model.baseScore),
      attribute.ints('class_ids', flat.leafTargets),
      attribute.ints('class_nodeids', flat.leafNodeIds),
      attribute.ints('class_treeids', flat.leafTreeIds),
      attribute.floats('class_weights', flat.leafWeights),
      createLabelAttribute(labels, 'classlabels_int64s'),
      attribute.ints('nodes_falsenodeids', flat.falseIds),
      attribute.ints('nodes_featureids', flat.featureIds),
      attribute.ints('nodes_missing_value_tracks_true', flat.missingTrue),
      attribute.strings('nodes_modes', flat.modes),
      attribute.ints('nodes_nodeids', flat.nodeIds),
      attribute.ints('nodes_treeids', flat.treeIds),
      attribute.ints('nodes_truenodeids', flat.trueIds),
      // float thresholds: x <= t for a float32 x is x <= (the largest float32 not above t).
      attribute.floats('nodes_values', flat.values.map(roundDownToFloat32)),
      attribute.string('post_transform', 'SOFTMAX'),
    ],
  );
  const bytes = encodeNotebookGraph({
    producer: ONNXMLTOOLS,
    opsets: { '': 15, 'ai.onnx.ml': 1 },
    name: 'LightGBM',
    node: [classifier],
    input: [createTensorInfo(LIGHTGBM_INPUT, 'float', [null, width])],
    output: [
      createTensorInfo('label', labelType, [null]),
      createTensorInfo('probabilities', 'float', [null, classes]),
    ],
  });
  return {
    bytes,
    predict: (raw) =>
      Float64Array.from(
        predictGbdt(model, toFeatureMatrix(raw, columns, data.missingValues), raw.length),
      ),
  };
}

// --- internal ---

function toFeatureMatrix(
  rows: readonly RawRow[],
  columns: readonly string[],
  missing: ReadonlySet<string>,
): Float32Array {
  const x = new Float32Array(rows.length * columns.length);
  rows.forEach((row, r) => {
    columns.forEach((column, c) => {
      x[r * columns.length + c] = parseNumber(column, row[column], missing) ?? Number.NaN;
    });
  });
  return x;
}

const bits = new Int32Array(1);
const float = new Float32Array(bits.buffer);

/** The largest float32 not above `value`. */
function roundDownToFloat32(value: number): number {
  float[0] = value;
  if ((float[0] as number) <= value) return float[0] as number;
  // Rounded up: step one float32 towards minus infinity.
  bits[0] =
    (float[0] as number) > 0
      ? (bits[0] as number) - 1
      : (float[0] as number) === 0
        ? -2147483647
        : (bits[0] as number) + 1;
  return float[0] as number;
}
