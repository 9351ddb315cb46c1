import type { Task } from '@modelship/core';
import type { ImportedModelSource } from '@modelship/model-bundle';
import type { ModelSummary, ModelType } from '../train/model-family.js';
import type { FamilyParams } from '../train/family-params.js';
import type { ModelParams } from '../train/model-params.js';
import type { ModelSelection } from '../train/select-best-model.js';
import type { EpochLog } from '../train/training-progress.js';

/** train-result.json: how a model was trained, for the model card and for comparing runs. */
export interface TrainResult {
  /** The family in the bundle (for `model.type: auto`, the one chosen); `imported` for `modelship import`. */
  modelType: ModelType | 'imported';
  /** How that model was trained: epochs, trees or the linear estimator. */
  model: ModelSummary;
  /** `model.type: auto` only: each candidate's validation figure and the one kept. */
  selection?: ModelSelection;
  /** mlp only: TensorFlow.js backend, "tensorflow" (tfjs-node), "wasm" or "cpu". */
  backend?: string;
  /** mlp only: why a faster backend was not used, when it was not. */
  backendFallback?: string | null;
  libraries: Record<string, string>;
  /** Absent for binary, as in runs from before tasks existed. */
  task?: Task;
  /** Binary: the positive and negative class; multiclass: the class vocabulary in index order. */
  target:
    | { column: string; positive: string; negative: string }
    | { column: string; classes?: string[]; positive?: undefined; negative?: undefined };
  rows: number;
  split: { train: number; validation: number; test: number };
  /** Width of the model's input vector. */
  features: number;
  // mlp only, as `model` has them: kept at the top level for readers from before model families.
  epochsRun?: number;
  bestEpoch?: number;
  stoppedEarly?: boolean;
  history?: EpochLog[];
  timings: {
    loadSeconds: number;
    featuresSeconds: number;
    /** All candidates' training, for `auto`. */
    trainSeconds: number;
    exportSeconds: number;
    totalSeconds: number;
  };
  /**
   * An imported model only: the sample it was measured on (params.yaml's data is not what it
   * was measured on), and where the model came from; both go to metadata.json.
   */
  data?: { path: string; md5: string };
  imported?: ImportedModelSource;
  /** params.yaml `model` as read, with defaults: the type, and the family blocks the run used (absent for an imported model). */
  params?: ModelParams & Pick<FamilyParams, 'type'> & Partial<Pick<FamilyParams, 'linear' | 'gbdt'>>;
}
