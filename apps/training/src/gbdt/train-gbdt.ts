import { createSeededRandom, shuffleInPlace } from '@modelship/core';
import { computeBalancedWeights } from '../train/compute-class-weights.js';
import type { LabelledMatrix, TargetValues } from '../train/train-network.js';
import { binMatrix, fitFeatureBins, MISSING_BIN } from './bin-features.js';
import { createGbdtLoss } from './gbdt-loss.js';
import type { GbdtHead, GbdtIterationLog, GbdtModel, GbdtParams, GbdtTree } from './gbdt-model.js';
import type { GrownTree } from './grow-tree.js';
import { TreeGrower } from './grow-tree.js';
import { chooseHistogramThreads, HistogramThreads } from './histogram-threads.js';
import { checkGbdtParamsForRows } from './read-gbdt-params.js';

/**
 * Trains gradient-boosted trees the way scikit-learn's HistGradientBoosting and LightGBM do:
 * features binned by quantiles of the training split (missing values in a bin of their own, each
 * split learning where they go), trees grown best-first on gradient histograms (the smaller
 * child's built, the sibling's by subtraction), one tree per class per round for multiclass, and
 * early stopping on the validation split's loss keeping the best round's trees (every round's
 * when `earlyStoppingRounds` is 0). Deterministic for `params.seed`, and the same trees whatever
 * the number of `threads` building the histograms (worker threads, started here and always
 * stopped before returning or throwing).
 * @throws Error naming the row of a non-finite target or the class of a bad label
 */
export function trainGbdt(
  train: LabelledMatrix<TargetValues>,
  validation: LabelledMatrix<TargetValues>,
  head: GbdtHead,
  params: GbdtParams,
  onRound: (log: GbdtIterationLog) => void = () => undefined,
  threads = chooseHistogramThreads(train.rows, train.width),
): GbdtModel {
  checkGbdtParamsForRows(params, train.rows);
  if (validation.rows === 0 && params.earlyStoppingRounds > 0) {
    throw new Error(
      'Early stopping (model.gbdt.early_stopping_rounds) needs validation rows; the validation split is empty.',
    );
  }
  checkTargets(train, head, 'training');
  checkTargets(validation, head, 'validation');
  if (validation.width !== train.width) {
    throw new Error(
      `The validation rows have ${validation.width} features, the training rows ${train.width}.`,
    );
  }
  const team = threads > 1 ? new HistogramThreads(threads) : undefined;
  try {
    return boost(train, validation, head, params, onRound, team);
  } finally {
    void team?.close();
  }
}

// --- internal ---

/** The boosting rounds of `trainGbdt`, on checked inputs. */
function boost(
  train: LabelledMatrix<TargetValues>,
  validation: LabelledMatrix<TargetValues>,
  head: GbdtHead,
  params: GbdtParams,
  onRound: (log: GbdtIterationLog) => void,
  threads: HistogramThreads | undefined,
): GbdtModel {
  const loss = createGbdtLoss(head);
  const outputs = loss.outputs;
  const bins = fitFeatureBins(train.x, train.rows, train.width, params.maxBins);
  const binned = binMatrix(bins, train.x, train.rows);
  const validationBinned = binMatrix(bins, validation.x, validation.rows);
  const weights = rowWeights(train.y, head, params);
  const validationWeights = rowWeights(validation.y, head, params);
  const baseScore = loss.baseScore(train.y, weights);
  const scores = initialScores(baseScore, train.rows);
  const validationScores = initialScores(baseScore, validation.rows);
  const gradients = new Float32Array(train.rows * outputs);
  const hessians = new Float32Array(train.rows * outputs);
  const grower = new TreeGrower({ bins, binned, rows: train.rows }, params, threads);
  const random = createSeededRandom(params.seed);
  const sampler = new RowColumnSampler(train.rows, train.width, params, random);

  const trees: GbdtTree[] = [];
  const history: GbdtIterationLog[] = [];
  // A round's train loss comes with the next round's gradients (one pass over the rows for
  // both), so each round is logged when the next one starts, and the last one after the loop.
  const log = (trainLoss: number, validationLoss: number) => {
    const entry = { iteration: history.length + 1, trainLoss, validationLoss };
    history.push(entry);
    onRound(entry);
  };
  let validationLoss = Number.NaN;
  let best = { loss: Number.POSITIVE_INFINITY, round: 0 };
  let stoppedEarly = false;
  for (let round = 1; round <= params.maxTrees; round += 1) {
    const trainLoss = loss.gradients(scores, train.y, weights, gradients, hessians);
    if (round > 1) log(trainLoss, validationLoss);
    for (let k = 0; k < outputs; k += 1) {
      const rows = sampler.rows();
      const grown = grower.grow(
        gradients.subarray(k * train.rows, (k + 1) * train.rows),
        hessians.subarray(k * train.rows, (k + 1) * train.rows),
        rows,
        sampler.columns(),
        k,
      );
      trees.push(grown.tree);
      if (rows.length === train.rows) addLeafValues(grown, scores, outputs);
      else addTreeScores(grown, binned, train.rows, scores, outputs);
      addTreeScores(grown, validationBinned, validation.rows, validationScores, outputs);
    }
    validationLoss = loss.loss(validationScores, validation.y, validationWeights);
    // Without early stopping every round is kept; with it, the best round so far.
    if (params.earlyStoppingRounds === 0 || validationLoss < best.loss) {
      best = { loss: validationLoss, round };
    } else if (round - best.round >= params.earlyStoppingRounds) {
      stoppedEarly = true;
      break;
    }
  }
  log(loss.loss(scores, train.y, weights), validationLoss);
  const kept = trees.slice(0, best.round * outputs);
  return {
    head,
    width: train.width,
    outputs,
    baseScore,
    trees: kept,
    rounds: history.length,
    bestRound: best.round,
    stoppedEarly,
    history,
    importance: computeImportance(kept, train.width),
    params,
  };
}

/** Draws each tree's rows (sorted, without replacement) and columns from one seeded stream. */
class RowColumnSampler {
  private readonly allRows: Uint32Array;
  private readonly sampledRows: Uint32Array;
  private readonly order: Uint32Array;
  private readonly allColumns: Int32Array;
  private readonly columnOrder: Int32Array;
  private readonly columnCount: number;

  constructor(
    rows: number,
    width: number,
    private readonly params: GbdtParams,
    private readonly random: () => number,
  ) {
    this.allRows = new Uint32Array(rows);
    this.sampledRows = new Uint32Array(Math.max(1, Math.round(rows * params.rowSubsample)));
    this.order = Uint32Array.from({ length: rows }, (_, i) => i);
    this.allColumns = Int32Array.from({ length: width }, (_, j) => j);
    this.columnOrder = Int32Array.from(this.allColumns);
    this.columnCount = Math.max(1, Math.round(width * params.columnSubsample));
  }

  /** The rows of the next tree, ascending (the sampler's buffer, rewritten for each tree). */
  rows(): Uint32Array {
    if (this.params.rowSubsample >= 1) {
      for (let i = 0; i < this.allRows.length; i += 1) this.allRows[i] = i;
      return this.allRows;
    }
    shuffleInPlace(this.order, this.random);
    this.sampledRows.set(this.order.subarray(0, this.sampledRows.length));
    return this.sampledRows.sort();
  }

  /** The features the next tree may split on, ascending. */
  columns(): Int32Array {
    if (this.columnCount >= this.allColumns.length) return this.allColumns;
    shuffleInPlace(this.columnOrder, this.random);
    return this.columnOrder.slice(0, this.columnCount).sort();
  }
}

function initialScores(baseScore: Float64Array, rows: number): Float64Array {
  const outputs = baseScore.length;
  const scores = new Float64Array(rows * outputs);
  for (let i = 0; i < rows; i += 1) scores.set(baseScore, i * outputs);
  return scores;
}

/** Adds each leaf's value to the rows that grew into it. */
function addLeafValues(grown: GrownTree, scores: Float64Array, outputs: number): void {
  const { tree, rows, leafNodes, leafStart, leafEnd } = grown;
  for (let l = 0; l < leafNodes.length; l += 1) {
    const value = tree.value[leafNodes[l] as number] as number;
    const end = leafEnd[l] as number;
    for (let k = leafStart[l] as number; k < end; k += 1) {
      scores[(rows[k] as number) * outputs + tree.target] += value;
    }
  }
}

/** Routes binned rows through the tree by the bins of its splits, adding the leaf values. */
function addTreeScores(
  grown: GrownTree,
  binned: Uint8Array,
  rows: number,
  scores: Float64Array,
  outputs: number,
): void {
  const { tree, splitBin } = grown;
  const { feature, missingLeft, left, right, value, target } = tree;
  for (let i = 0; i < rows; i += 1) {
    let node = 0;
    let f = feature[0] as number;
    while (f >= 0) {
      const b = binned[f * rows + i] as number;
      const goesLeft =
        b === MISSING_BIN ? missingLeft[node] === 1 : b <= (splitBin[node] as number);
      node = (goesLeft ? left[node] : right[node]) as number;
      f = feature[node] as number;
    }
    scores[i * outputs + target] += value[node] as number;
  }
}

function rowWeights(y: TargetValues, head: GbdtHead, params: GbdtParams): Float64Array {
  const weights = new Float64Array(y.length).fill(1);
  if (head.task === 'regression' || params.classWeight !== 'balanced') return weights;
  const classes = head.task === 'multiclass' ? head.classes : 2;
  const byClass = computeBalancedWeights(y, classes);
  for (let i = 0; i < y.length; i += 1) weights[i] = byClass[y[i] as number] as number;
  return weights;
}

function checkTargets(matrix: LabelledMatrix<TargetValues>, head: GbdtHead, split: string): void {
  const { y, rows } = matrix;
  if (y.length !== rows) {
    throw new Error(`The ${split} split has ${rows} rows but ${y.length} targets.`);
  }
  const classes = head.task === 'multiclass' ? head.classes : head.task === 'binary' ? 2 : 0;
  const seen = new Uint32Array(classes);
  for (let i = 0; i < rows; i += 1) {
    const value = y[i] as number;
    if (!Number.isFinite(value)) {
      throw new Error(
        `The ${split} split's target is ${value} at row ${i}: targets must be finite.`,
      );
    }
    if (classes > 0) {
      if (!Number.isInteger(value) || value < 0 || value >= classes) {
        throw new Error(
          `The ${split} split's target is ${value} at row ${i}: a ${head.task} label is a class index 0..${classes - 1}.`,
        );
      }
      seen[value] += 1;
    }
  }
  if (split === 'training' && head.task === 'multiclass') {
    const missing = seen.findIndex((count) => count === 0);
    if (missing >= 0) {
      throw new Error(
        `Class index ${missing} has no training row: every class needs at least one to get a score.`,
      );
    }
  }
}

function computeImportance(trees: readonly GbdtTree[], width: number): GbdtModel['importance'] {
  const gain = new Float64Array(width);
  const splits = new Uint32Array(width);
  for (const tree of trees) {
    for (let node = 0; node < tree.feature.length; node += 1) {
      const f = tree.feature[node] as number;
      if (f < 0) continue;
      gain[f] += tree.gain[node] as number;
      splits[f] += 1;
    }
  }
  return { gain, splits };
}
