import type { Task } from '@modelship/core';
import type { ModelParams } from '../train/model-params.js';
import type { EpochLog } from '../train/training-progress.js';

/** train-result.json: how a model was trained, for the model card and for comparing runs. */
export interface TrainResult {
  /** TensorFlow.js backend: "tensorflow" (tfjs-node), "wasm" or "cpu". */
  backend: string;
  /** Why a faster backend was not used, when it was not. */
  backendFallback: string | null;
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
  epochsRun: number;
  bestEpoch: number;
  stoppedEarly: boolean;
  timings: {
    loadSeconds: number;
    featuresSeconds: number;
    trainSeconds: number;
    exportSeconds: number;
    totalSeconds: number;
  };
  history: EpochLog[];
  params: ModelParams;
}
