import type { Task } from '@modelship/core';

/**
 * The model bundle: what training produces and the registry stores, one folder per version.
 * Serving loads it only after every sha256 in `metadata.json` matches the bytes on disk.
 */

/** Bumped whenever the bundle layout changes incompatibly. */
export const BUNDLE_FORMAT_VERSION = 1;

/** File names inside a bundle folder, relative to its root. */
export const BUNDLE_FILES = {
  onnx: 'model.onnx',
  tfjsDir: 'tfjs',
  featureSpec: 'feature-spec.json',
  inputSchema: 'input-schema.json',
  referenceStats: 'reference-stats.json',
  metrics: 'metrics.json',
  gate: 'gate.json',
  card: 'card.md',
  plotsDir: 'plots',
  metadata: 'metadata.json',
} as const;

/** Files every bundle must contain; anything else (plots, tfjs weights) is listed in `files`. */
export const REQUIRED_BUNDLE_FILES = [
  BUNDLE_FILES.onnx,
  BUNDLE_FILES.featureSpec,
  BUNDLE_FILES.inputSchema,
  BUNDLE_FILES.referenceStats,
  BUNDLE_FILES.metrics,
  BUNDLE_FILES.card,
  BUNDLE_FILES.metadata,
] as const;

export interface BundleFileEntry {
  sha256: string;
  size: number;
}

export interface GateDecision {
  passed: boolean;
  /** One line per check, each saying what was compared and how it came out. */
  reasons: string[];
  comparedTo?: { name: string; version: number | string; metric: string; value: number } | null;
}

export interface BundleMetadata {
  formatVersion: typeof BUNDLE_FORMAT_VERSION;
  /** Model name, the registry key (for example "churn"). */
  name: string;
  /** Registry version; null until the bundle is registered. */
  version: number | null;
  /** ISO 8601 time the bundle was written. */
  createdAt: string;
  git: { commit: string | null; dirty: boolean };
  data: {
    path: string;
    md5: string;
    dvcFile: string | null;
    rows: number;
    /** Where the rows came from when `modelship data extract` wrote them (data.dvc `meta.source`:
     * engine, host, database, query_sha256, rows, high_water_mark; never credentials). */
    source?: Record<string, unknown>;
  };
  /** What the model predicts; absent in bundles written before tasks existed, which are binary. */
  task?: Task;
  target: BundleTarget;
  /** The params.yaml sections that produced this model. */
  params: Record<string, unknown>;
  /** Headline test metrics (for example roc_auc, pr_auc, accuracy, log_loss). */
  metrics: Record<string, number>;
  /** TensorFlow.js backend used for training ("tensorflow" for tfjs-node, "wasm", "cpu"). */
  backend: string;
  /** Versions of the libraries that produced the bundle (node, tfjs, onnxruntime-node, ...). */
  libraries: Record<string, string>;
  gate: GateDecision | null;
  /** Set for a model brought with `modelship import` instead of trained here. */
  imported?: ImportedModelSource;
  /** sha256 and size of every file in the bundle except metadata.json itself, by relative path. */
  files: Record<string, BundleFileEntry>;
}

/** Where an imported model came from and what `modelship import` changed in its graph. */
export interface ImportedModelSource {
  /** The file as given to `modelship import`. */
  file: string;
  /** sha256 of that file's bytes, before any rewrite. */
  sha256: string;
  /** The ONNX metadata's producer_name and producer_version (for example skl2onnx 1.16.0). */
  producer: { name: string; version: string };
  /** Operator set versions by domain ("" is ai.onnx). */
  opsets: Record<string, number>;
  /** The graph's inputs as the model declares them. */
  inputs: { name: string; elementType: string; shape: (number | string)[] }[];
  /** One line per change to the graph (a ZipMap removed, outputs renamed to the kit's); empty when none. */
  rewrites: string[];
}

/**
 * The target a bundle predicts. `classes` is the class vocabulary in the model's output order:
 * binary `[negative, positive]`, multiclass sorted by text (numerically for integer labels).
 * `positive` is meaningful for binary only, so binary consumers keep reading a string.
 */
export type BundleTarget =
  | { column: string; positive: string; classes?: string[] }
  | { column: string; positive?: undefined; classes: string[] }
  | { column: string; positive?: undefined; classes?: undefined };

/** The graph's input name: float32 [N, width] of transformed features. */
export const ONNX_INPUT = 'features';

/**
 * The ONNX output per task, float32 with a dynamic batch N: `probability` [N, 1] (binary, the
 * positive class), `probabilities` [N, K] (multiclass, a softmax over the classes in the
 * vocabulary's order) and `value` [N, 1] (regression, in the target's own units).
 */
export const ONNX_OUTPUTS: Readonly<Record<Task, string>> = {
  binary: 'probability',
  multiclass: 'probabilities',
  regression: 'value',
};

/** The task a bundle's metadata declares; bundles from before tasks existed are binary. */
export function getBundleTask(metadata: Pick<BundleMetadata, 'task'>): Task {
  return metadata.task ?? 'binary';
}
