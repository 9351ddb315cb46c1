// scikit-learn Pipelines (the ColumnTransformer, then LogisticRegression or Ridge) fitted with
// the kit's own fitters on the transformer's output, and written as skl2onnx writes them.
import type { RawRow } from '@modelship/features';
import {
  fitLogisticRegression,
  predictLogisticRegression,
} from '../../baseline/logistic-regression.js';
import { fitRidgeRegression, predictRidgeRegression } from '../../baseline/ridge-regression.js';
import type { OnnxNode } from '../../export/onnx-graph-parts.js';
import type { ColumnInput, ColumnTransformer } from './_column-transformer.js';
import {
  applyColumnTransformer,
  createColumnInputs,
  createColumnTransformerNodes,
  fitColumnTransformer,
  TRANSFORMED,
} from './_column-transformer.js';
import type { NotebookGraph } from './_ml-graph.js';
import {
  attribute,
  createLabelAttribute,
  createMlNode,
  createTensorInfo,
  createZipMapInfo,
  encodeNotebookGraph,
} from './_ml-graph.js';

/** Training rows of the notebook, with their targets (class indices into `classes`, or values). */
export interface NotebookTrainingData {
  rows: readonly RawRow[];
  targets: ArrayLike<number>;
  missingValues: ReadonlySet<string>;
}

/** A model file's bytes and what the fitted model answers for raw rows (see NotebookModel.predict). */
export interface FittedNotebookModel {
  bytes: Uint8Array;
  predict: (rows: readonly RawRow[]) => Float64Array;
}

export const SKL2ONNX = { name: 'skl2onnx', version: '1.17.0' };

/**
 * Pipeline(ColumnTransformer, LogisticRegression()) on two classes (`targets` 0/1, 1 being
 * `labels[1]`, scikit-learn's `classes_[1]`): LinearClassifier with post_transform LOGISTIC over
 * the coefficients of both classes, `output_label` the label tensor (string, or int64 for a target
 * the notebook encoded as 0/1), `output_probability` a ZipMap keyed by the labels.
 */
export function fitLogisticPipeline(
  data: NotebookTrainingData,
  inputs: readonly ColumnInput[],
  labels: readonly [string, string] | readonly [number, number],
): FittedNotebookModel {
  const transformer = fitColumnTransformer(data.rows, inputs, data.missingValues);
  // scikit-learn's default C = 1 is an L2 penalty of 1 on the summed log loss.
  const fitted = fitLogisticRegression(
    applyColumnTransformer(transformer, data.rows),
    data.targets,
    { l2: 1 },
  );
  const weights = Array.from(fitted.weights);
  const labelType = typeof labels[0] === 'number' ? 'int64' : 'string';
  const estimator = [
    createMlNode(
      'LinearClassifier',
      [TRANSFORMED],
      ['output_label', 'probability_tensor'],
      [
        createLabelAttribute(labels, 'classlabels_ints'),
        attribute.floats('coefficients', [...weights.map((w) => -w), ...weights]),
        attribute.floats('intercepts', [-fitted.intercept, fitted.intercept]),
        attribute.int('multi_class', 0),
        attribute.string('post_transform', 'LOGISTIC'),
      ],
    ),
    createMlNode(
      'ZipMap',
      ['probability_tensor'],
      ['output_probability'],
      [createLabelAttribute(labels, 'classlabels_int64s')],
    ),
  ];
  const bytes = encodePipeline(transformer, inputs, estimator, {
    opsets: { '': 17, 'ai.onnx.ml': 1 },
    output: [
      createTensorInfo('output_label', labelType, [null]),
      createZipMapInfo('output_probability', labelType),
    ],
  });
  return {
    bytes,
    predict: (rows) => {
      const positive = predictLogisticRegression(fitted, applyColumnTransformer(transformer, rows));
      return Float64Array.from({ length: rows.length * 2 }, (_, i) => {
        const p = positive[Math.floor(i / 2)] ?? 0;
        return i % 2 === 1 ? p : 1 - p;
      });
    },
  };
}

/** Pipeline(ColumnTransformer, Ridge()) : LinearRegressor, output `variable` [None, 1]. */
export function fitRidgePipeline(
  data: NotebookTrainingData,
  inputs: readonly ColumnInput[],
): FittedNotebookModel {
  const transformer = fitColumnTransformer(data.rows, inputs, data.missingValues);
  const fitted = fitRidgeRegression(
    applyColumnTransformer(transformer, data.rows),
    data.targets,
    1,
  );
  const estimator = [
    createMlNode(
      'LinearRegressor',
      [TRANSFORMED],
      ['variable'],
      [
        attribute.floats('coefficients', fitted.weights),
        attribute.floats('intercepts', [fitted.intercept]),
        attribute.int('targets', 1),
      ],
    ),
  ];
  const bytes = encodePipeline(transformer, inputs, estimator, {
    opsets: { '': 13, 'ai.onnx.ml': 1 },
    output: [createTensorInfo('variable', 'float', [null, 1])],
  });
  return {
    bytes,
    predict: (rows) => predictRidgeRegression(fitted, applyColumnTransformer(transformer, rows)),
  };
}

// --- internal ---

function encodePipeline(
  transformer: ColumnTransformer,
  inputs: readonly ColumnInput[],
  estimator: OnnxNode[],
  { opsets, output }: Pick<NotebookGraph, 'opsets' | 'output'>,
): Uint8Array {
  const { node, initializer } = createColumnTransformerNodes(transformer);
  return encodeNotebookGraph({
    producer: SKL2ONNX,
    opsets,
    name: 'pipeline',
    node: [...node, ...estimator],
    input: createColumnInputs(inputs),
    output,
    initializer,
  });
}
