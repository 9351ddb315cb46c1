import type { Task } from '@modelship/core';
import type { ModelVersion } from '../models/model-version.js';

/**
 * What a logged prediction's true label is judged against: the task, classes and target column
 * of the model version that made it. One frozen object per version, shared by all its log
 * entries (one reference each), so a label arriving after the version was unloaded is still
 * judged against that version's classes, not the one serving now.
 */
export interface PredictionTarget {
  readonly task: Task;
  /** Classification: class texts in the model's output order (binary `[negative, positive]`). */
  readonly classes: readonly string[];
  /** The target column the labels are values of (for messages). */
  readonly column: string;
}

/** The version's shared PredictionTarget. */
export function getPredictionTarget(model: ModelVersion): PredictionTarget {
  let target = targets.get(model);
  if (!target) {
    target = Object.freeze({
      task: model.task,
      classes: Object.freeze([...model.classes]),
      column: model.metadata.target.column,
    });
    targets.set(model, target);
  }
  return target;
}

// --- internal ---

const targets = new WeakMap<ModelVersion, PredictionTarget>();
