import { join } from 'node:path';
import { BUNDLE_FILES } from '@modelship/model-bundle';
import type { FeatureMatrix } from '../baseline/feature-matrix.js';
import { fitLogisticRegression, predictLogisticRegression } from '../baseline/logistic-regression.js';
import {
  fitMultinomialLogisticRegression,
  predictMultinomialLogisticRegression,
} from '../baseline/multinomial-logistic-regression.js';
import { fitRidgeRegression, predictRidgeRegression } from '../baseline/ridge-regression.js';
import type { OnnxHead } from '../export/build-onnx-model.js';
import type { DenseLayer } from '../export/extract-dense-layers.js';
import { writeOnnxModel } from '../export/write-onnx-model.js';
import type { FittedModel, ModelFamily, ModelHead, ModelSummary } from './model-family.js';
import { readFamilyParams } from './family-params.js';
import { fitTargetScaling, restoreTargetUnits, standardizeTarget } from './target-scaling.js';
import type { TargetValues } from './train-network.js';

/**
 * The linear model (`model.type: linear`): logistic regression (binary), multinomial logistic
 * regression (multiclass) or ridge regression, with params.yaml `model.linear.l2`. Deterministic,
 * no seed needed. Exported to ONNX as one dense layer (Gemm, then Sigmoid or Softmax; ridge
 * through the regression head's Mul and Add back into the target's units).
 */
export const linearFamily: ModelFamily = {
  type: 'linear',
  async fit({ params, head, train, log }): Promise<FittedModel> {
    const { l2 } = readFamilyParams(params.model).linear;
    const features: FeatureMatrix = { rows: train.rows, columns: train.width, values: train.x };
    const fit = LINEAR_FITTERS[head.task](features, train.y, l2, head);
    const summary: Extract<ModelSummary, { type: 'linear' }> = {
      type: 'linear',
      estimator: fit.estimator,
      l2,
      iterations: fit.iterations,
      converged: fit.converged,
    };
    log(
      `linear: ${fit.estimator}, L2 ${l2}, ${fit.iterations} iteration${fit.iterations === 1 ? '' : 's'}${fit.converged ? '' : ' (not converged)'}`,
    );
    return {
      type: 'linear',
      predict: (x, rows) => Float32Array.from(fit.predict({ rows, columns: train.width, values: x })),
      async writeModel(bundleDir, spec) {
        await writeOnnxModel([fit.layer], spec, join(bundleDir, BUNDLE_FILES.onnx), {
          head: fit.onnxHead,
          modelType: 'linear',
        });
      },
      summary,
    };
  },
};

// --- internal ---

/** One task's fitted linear model: its answers, and the dense layer the ONNX graph holds. */
interface LinearFit {
  estimator: string;
  iterations: number;
  converged: boolean;
  predict(features: FeatureMatrix): ArrayLike<number>;
  layer: DenseLayer;
  onnxHead: OnnxHead;
}

type LinearFitter = (features: FeatureMatrix, y: TargetValues, l2: number, head: ModelHead) => LinearFit;

const LINEAR_FITTERS: Readonly<Record<ModelHead['task'], LinearFitter>> = {
  binary(features, y, l2) {
    const model = fitLogisticRegression(features, y, { l2 });
    return {
      estimator: 'logistic_regression',
      iterations: model.iterations,
      converged: model.converged,
      predict: (x) => predictLogisticRegression(model, x),
      layer: createLayer(features.columns, 1, model.weights, [model.intercept], 'sigmoid'),
      onnxHead: { task: 'binary' },
    };
  },
  multiclass(features, y, l2, head) {
    const classes = head.task === 'multiclass' ? head.classes : 0;
    const model = fitMultinomialLogisticRegression(features, y, classes, { l2 });
    // The model keeps weights [class][feature]; a Gemm kernel is [feature][class].
    const kernel = new Float64Array(model.weights.length);
    for (let k = 0; k < classes; k += 1)
      for (let c = 0; c < features.columns; c += 1) kernel[c * classes + k] = model.weights[k * features.columns + c] ?? 0;
    return {
      estimator: 'multinomial_logistic_regression',
      iterations: model.iterations,
      converged: model.converged,
      predict: (x) => predictMultinomialLogisticRegression(model, x),
      layer: createLayer(features.columns, classes, kernel, model.intercepts, 'softmax'),
      onnxHead: { task: 'multiclass' },
    };
  },
  // Fitted on the standardised target, like the network: ridge is equivariant to the target's
  // scale, so the weights are the same model, and the graph's Mul and Add restore the units.
  regression(features, y, l2) {
    const scaling = fitTargetScaling(y);
    const model = fitRidgeRegression(features, standardizeTarget(y, scaling), l2);
    return {
      estimator: 'ridge_regression',
      iterations: 1,
      converged: true,
      predict: (x) => restoreTargetUnits(predictRidgeRegression(model, x), scaling),
      layer: createLayer(features.columns, 1, model.weights, [model.intercept], 'linear'),
      onnxHead: { task: 'regression', scaling },
    };
  },
};

function createLayer(
  inputs: number,
  units: number,
  kernel: ArrayLike<number>,
  bias: ArrayLike<number>,
  activation: string,
): DenseLayer {
  return { name: 'linear', inputs, units, kernel: Float32Array.from(kernel), bias: Float32Array.from(bias), activation };
}
