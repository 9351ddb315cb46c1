import type { FeatureMatrix } from './feature-matrix.js';
import {
  fitLogisticRegression,
  predictLogisticRegression,
  type LogisticRegressionOptions,
} from './logistic-regression.js';
import { fitMajorityClass, predictMajorityClass } from './majority-class.js';

/** What the baselines learn from: the network's own transformed training features and labels. */
export interface BaselineInput {
  features: FeatureMatrix;
  labels: ArrayLike<number>;
  logistic?: LogisticRegressionOptions;
}

export interface BaselinePredictions {
  /** The key in metrics.json, e.g. "logistic_regression". */
  id: string;
  /** The name shown in the card and the plots. */
  label: string;
  probabilities: Float64Array;
  /** One line on how the baseline was fitted, for the card. */
  detail: string;
}

/** Fits every baseline on the training features and predicts the test features. */
export function runBaselines(
  train: BaselineInput,
  testFeatures: FeatureMatrix,
): BaselinePredictions[] {
  const l2 = train.logistic?.l2 ?? 1;
  const logistic = fitLogisticRegression(train.features, train.labels, train.logistic);
  const majority = fitMajorityClass(train.labels);
  return [
    {
      id: 'logistic_regression',
      label: 'Logistic regression',
      probabilities: predictLogisticRegression(logistic, testFeatures),
      detail: `L2 ${l2}, Newton/IRLS, ${logistic.iterations} iterations${logistic.converged ? '' : ' (not converged)'}`,
    },
    {
      id: 'majority_class',
      label: 'Majority class',
      probabilities: predictMajorityClass(majority, testFeatures.rows),
      detail: `predicts the training positive rate ${majority.positiveRate.toFixed(4)} for every row`,
    },
  ];
}
