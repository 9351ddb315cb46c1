import type { DatasetSchema } from '@modelship/data-validation';
import type { FeatureSpec } from '@modelship/features';
import type { Task } from '@modelship/core';
import type { BundleMetadata } from '@modelship/model-bundle';
import { getBundleTask } from '@modelship/model-bundle';
import type {
  InferencePool,
  InferenceResult,
  InlineDecision,
} from '../inference/inference-pool.js';

/**
 * What identifies a loaded model in answers, logs and metric labels. `variant` is the role it
 * plays in traffic ("stable" today; "canary", "shadow", "blue", "green", "a", "b" in rollouts).
 */
export interface ModelKey {
  name: string;
  version: string;
  variant: string;
}

export interface ModelVersionInit {
  key: ModelKey;
  /** Registry stage when it was loaded ("none" for a bundle folder given directly). */
  stage: string;
  dir: string;
  metadata: BundleMetadata;
  featureSpec: FeatureSpec;
  inputSchema: DatasetSchema;
  pool: InferencePool;
}

/**
 * One verified, loaded model version with its own inference workers: the unit a rollout routes
 * traffic to and a hot swap replaces. Only bundles whose every sha256 matched become one.
 */
export class ModelVersion {
  readonly key: ModelKey;
  /** Registry stage; a rollout that promotes this version to production updates it. */
  stage: string;
  readonly dir: string;
  readonly metadata: BundleMetadata;
  readonly featureSpec: FeatureSpec;
  readonly inputSchema: DatasetSchema;
  /** Probability at or above which the label is 1: the threshold training evaluated with. */
  readonly threshold: number;
  /** What the model predicts: a binary or multiclass class, or a regression value. */
  readonly task: Task;
  /**
   * Classification: the class texts in the model's output order (binary `[negative, positive]`).
   * Regression: empty.
   */
  readonly classes: readonly string[];
  readonly loadedAt = new Date();
  private readonly pool: InferencePool;

  constructor(init: ModelVersionInit) {
    this.key = init.key;
    this.stage = init.stage;
    this.dir = init.dir;
    this.metadata = init.metadata;
    this.featureSpec = init.featureSpec;
    this.inputSchema = init.inputSchema;
    this.pool = init.pool;
    const threshold = init.metadata.metrics['threshold'];
    this.threshold = typeof threshold === 'number' && Number.isFinite(threshold) ? threshold : 0.5;
    this.task = getBundleTask(init.metadata);
    this.classes = readClasses(init.metadata);
  }

  /**
   * A model brought with `modelship import`: its feature spec binds raw columns to the graph's
   * named inputs (text, numbers, integers, booleans) instead of one matrix of features.
   */
  get imported(): boolean {
    return this.featureSpec.modelInputs !== undefined;
  }

  /** Name of the ONNX model's (first) input tensor. */
  get inputName(): string {
    return this.pool.signature.inputName;
  }

  /**
   * The one FP32 [N, width] input V2 infer also takes as a ready matrix: a trained model's
   * features, or an imported model's single float tensor of every column in the spec's order.
   * Null for an imported model with per-column (or text, or integer) inputs.
   */
  get tensorInput(): { name: string; width: number } | null {
    const bindings = this.featureSpec.modelInputs;
    if (!bindings) return { name: this.inputName, width: this.width };
    const [binding] = bindings;
    const columns = this.featureSpec.columns.map((column) => column.column);
    const whole =
      bindings.length === 1 &&
      (binding.elementType === 'float' || binding.elementType === 'double') &&
      binding.columns.join('\u0000') === columns.join('\u0000');
    return whole ? { name: binding.name, width: this.width } : null;
  }

  /** Width of the model's input vector. */
  get width(): number {
    return this.featureSpec.width;
  }

  /** Runs waiting for a worker, and running now. */
  get load(): { queued: number; running: number } {
    return { queued: this.pool.queued, running: this.pool.running };
  }

  /** What the load-time measurement decided about scoring runs on the event loop. */
  get inline(): InlineDecision | null {
    return this.pool.inlineDecision;
  }

  /** Thread ids of this version's inference workers. */
  get threadIds(): number[] {
    return this.pool.threadIds;
  }

  /** Scores a row-major float32 matrix; the buffer is handed over to a worker thread. */
  score(data: Float32Array, rows: number): Promise<InferenceResult> {
    return this.pool.run(data, rows);
  }

  /** Finishes queued work, then stops the workers. */
  close(): Promise<void> {
    return this.pool.close();
  }
}

/**
 * The class texts of a bundle, in the model's output order. Binary bundles from before tasks
 * existed name only the positive class: they answer 0 and 1. Regression: none.
 */
export function readClasses(metadata: BundleMetadata): readonly string[] {
  const { target } = metadata;
  if (target.classes) return target.classes;
  return getBundleTask(metadata) === 'binary' ? ['0', '1'] : [];
}
