// The contract between the GBDT trainer, its ONNX export and the training pipeline.

/** What a GBDT learns: 0/1 labels, class indices 0..classes-1, or a value in the target's units. */
export type GbdtHead =
  { task: 'binary' } | { task: 'multiclass'; classes: number } | { task: 'regression' };

/** params.yaml `model.gbdt` (with `model.seed`), checked and typed: see `readGbdtParams`. */
export interface GbdtParams {
  learningRate: number;
  maxTrees: number;
  /** Rounds without a better validation loss before stopping; 0 never stops early. */
  earlyStoppingRounds: number;
  maxDepth: number;
  maxLeaves: number;
  minRowsPerLeaf: number;
  l2: number;
  rowSubsample: number;
  columnSubsample: number;
  maxBins: number;
  classWeight: 'balanced' | 'none';
  seed: number;
}

/**
 * One regression tree in flat arrays; node 0 is the root. An inner node sends a row left when
 * `x[feature] <= threshold`, and a missing value (NaN) left when `missingLeft` is 1. A leaf has
 * `feature` -1 and answers `value` (already scaled by the learning rate).
 */
export interface GbdtTree {
  feature: Int32Array;
  threshold: Float64Array;
  missingLeft: Uint8Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
  /** The loss reduction of each inner node's split (0 for leaves), for feature importance. */
  gain: Float64Array;
  /** The output column the tree adds to: the class index for multiclass, else 0. */
  target: number;
}

export interface GbdtIterationLog {
  iteration: number;
  trainLoss: number;
  validationLoss: number;
}

export interface GbdtModel {
  head: GbdtHead;
  /** Width of the feature vector the trees read. */
  width: number;
  /** 1, or the class count for multiclass. */
  outputs: number;
  /** The raw score every row starts from, per output (log-odds, per-class log-prior, mean). */
  baseScore: Float64Array;
  /** The trees kept (those of the best round), in boosting order. */
  trees: GbdtTree[];
  /** Boosting rounds run, and the round whose trees are kept. */
  rounds: number;
  bestRound: number;
  stoppedEarly: boolean;
  history: GbdtIterationLog[];
  /** Per feature: the summed split gain and the number of splits, over the kept trees. */
  importance: { gain: Float64Array; splits: Uint32Array };
  params: GbdtParams;
}
