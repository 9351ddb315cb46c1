import type { V2Tensor } from '@modelship/serving-contract';
import { V2_TASK_OUTPUTS } from '@modelship/serving-contract';
import type { ModelVersion } from '../models/model-version.js';
import type { Scores } from '../models/predict-matrix.js';

/** How one V2 output is typed, shaped and filled from a model's scores. */
interface V2Output {
  datatype: string;
  /** Dimensions after the batch's N. */
  shape: (model: ModelVersion) => number[];
  data: (model: ModelVersion, scores: Scores) => unknown[];
}

const OUTPUTS: Record<string, V2Output> = {
  probability: { datatype: 'FP32', shape: () => [], data: (_, s) => Array.from(s.probabilities) },
  probabilities: {
    datatype: 'FP32',
    shape: (model) => [model.classes.length],
    data: (_, s) => Array.from(s.classProbabilities),
  },
  label: {
    datatype: 'BYTES',
    shape: () => [],
    data: (model, s) => Array.from(s.labels, (label) => model.classes[label]),
  },
  value: { datatype: 'FP32', shape: () => [], data: (_, s) => Array.from(s.values) },
};

/** The names of the outputs a model answers, by its task (V2_TASK_OUTPUTS). */
export function listV2Outputs(model: Pick<ModelVersion, 'task'>): readonly string[] {
  return V2_TASK_OUTPUTS[model.task];
}

/** The outputs a model answers, as V2 model metadata lists them (N as -1). */
export function describeV2Outputs(model: ModelVersion): Omit<V2Tensor, 'data'>[] {
  return listV2Outputs(model).map((name) => ({
    name,
    datatype: OUTPUTS[name].datatype,
    shape: [-1, ...OUTPUTS[name].shape(model)],
  }));
}

/** The V2 infer outputs for scored rows: those asked for, else every output of the task. */
export function toV2Outputs(
  model: ModelVersion,
  scores: Scores,
  rows: number,
  asked: readonly string[] | undefined,
): V2Tensor[] {
  return listV2Outputs(model)
    .filter((name) => asked?.includes(name) ?? true)
    .map((name) => ({
      name,
      datatype: OUTPUTS[name].datatype,
      shape: [rows, ...OUTPUTS[name].shape(model)],
      data: OUTPUTS[name].data(model, scores),
    }));
}
