// The contract between `trainModel` and each model family (mlp, gbdt, linear): what a family
// is given, and what a fitted model must answer and write. `auto` is not a family: it fits each
// family on the training split and keeps the best on the validation split.
import type { FeatureSpec } from '@modelship/features';
import type { Params } from '@modelship/params';
import type { GbdtIterationLog } from '../gbdt/gbdt-model.js';
import type { LabelledMatrix, TargetValues } from './train-network.js';
import type { EpochLog, TrainingProgress } from './training-progress.js';

/** A model family params.yaml `model.type` can name (besides `auto`). */
export type ModelType = 'mlp' | 'gbdt' | 'linear';

/** The task as a family sees it: labels 0/1, class indices 0..classes-1, or values in units. */
export type ModelHead =
  { task: 'binary' } | { task: 'multiclass'; classes: number } | { task: 'regression' };

export interface FamilyInput {
  /** The whole params.yaml, validated; each family reads its own keys of `model`. */
  params: Params;
  head: ModelHead;
  /** The feature spec fitted on the training split (its `featureNames` name the columns). */
  spec: FeatureSpec;
  train: LabelledMatrix<TargetValues>;
  validation: LabelledMatrix<TargetValues>;
  log: (line: string) => void;
  /** The mlp's epoch display (a progress bar, or a line per epoch, from `log` when absent). */
  progress?: TrainingProgress;
}

/** How a model was trained, for train-result.json's `model` and the card (JSON-serialisable). */
export type ModelSummary =
  | {
      type: 'mlp';
      /** TensorFlow.js backend, and why a faster one was not used. */
      backend: string;
      backendFallback: string | null;
      epochsRun: number;
      bestEpoch: number;
      stoppedEarly: boolean;
      history: EpochLog[];
    }
  | {
      type: 'gbdt';
      /** Trees kept (one per class per round for multiclass). */
      trees: number;
      roundsRun: number;
      bestRound: number;
      stoppedEarly: boolean;
      history: GbdtIterationLog[];
      /** Every feature that has a split, by gain (highest first). */
      importance: { feature: string; gain: number; splits: number }[];
    }
  | {
      type: 'linear';
      /** logistic_regression, multinomial_logistic_regression or ridge_regression. */
      estimator: string;
      l2: number;
      iterations: number;
      converged: boolean;
    }
  | ImportedModelSummary;

/** A model brought with `modelship import`: trained elsewhere, measured here. */
export interface ImportedModelSummary {
  type: 'imported';
  /** The file as given to `modelship import`. */
  file: string;
  /** The ONNX producer and its version ("skl2onnx 1.16.0"), or "unknown". */
  producer: string;
  /** One line per change to the graph (see ImportedModelSource.rewrites). */
  rewrites: string[];
  /** How the rewrite was proved to change no number: one line per comparison on the sample. */
  proof: string[];
  /** Rows of the sample the proof ran on. */
  proofRows: number;
}

export interface FittedModel {
  type: ModelType;
  /**
   * Answers for transformed rows as the exported model.onnx does: binary one positive-class
   * probability per row, multiclass K probabilities per row (row-major), regression the value in
   * the target's own units.
   */
  predict(x: Float32Array, rows: number): Float32Array;
  /** Writes model.onnx, and anything else the family keeps in the bundle (tfjs/ for mlp). */
  writeModel(bundleDir: string, spec: FeatureSpec): Promise<void>;
  summary: ModelSummary;
  /** Versions of the libraries the family trained with, for train-result.json and metadata.json. */
  libraries?: Record<string, string>;
}

export interface ModelFamily {
  type: ModelType;
  fit(input: FamilyInput): Promise<FittedModel>;
}
