import { MISSING_BIN } from './bin-features.js';
import type { HistogramBuffer } from './histogram-kernel.js';
import { BINS } from './histogram-kernel.js';

// A growing tree's nodes and how a node's best split is found from its histograms.

/** What shapes one tree (the `GbdtParams` a tree reads). */
export interface TreeLimits {
  maxLeaves: number;
  maxDepth: number;
  minRowsPerLeaf: number;
  l2: number;
  learningRate: number;
}

/** A side whose hessians sum below this cannot fit a leaf value (scikit-learn's threshold). */
const MIN_HESSIAN = 1e-3;

/** A node's best split, waiting for the grower to pick the node with the highest gain. */
export interface Pending {
  node: number;
  histogram: HistogramBuffer;
  gain: number;
  feature: number;
  bin: number;
  missingLeft: boolean;
  /** Gradient and hessian sums of the rows the split sends left. */
  leftG: number;
  leftH: number;
}

/**
 * The node's best split over `features` from its histogram: the highest gain with at least
 * `minRowsPerLeaf` rows and `MIN_HESSIAN` on each side, missing values tried on either side.
 * `feature` is -1 when no split gains.
 */
export function findBestSplit(
  nodes: NodeList,
  node: number,
  histogram: HistogramBuffer,
  features: Int32Array,
  binCounts: Uint16Array,
  limits: Pick<TreeLimits, 'minRowsPerLeaf' | 'l2'>,
): Pending {
  const { minRowsPerLeaf, l2 } = limits;
  const totalG = nodes.g[node] as number;
  const totalH = nodes.h[node] as number;
  const totalC = (nodes.end[node] as number) - (nodes.start[node] as number);
  const parentScore = (totalG * totalG) / (totalH + l2);
  const best: Pending = {
    node,
    histogram,
    gain: 0,
    feature: -1,
    bin: 0,
    missingLeft: false,
    leftG: 0,
    leftH: 0,
  };
  for (let f = 0; f < features.length; f += 1) {
    const feature = features[f] as number;
    const bins = binCounts[feature] as number;
    if (bins < 2) continue;
    const base = feature * BINS;
    const missingAt = (base + MISSING_BIN) * 3;
    const missingG = histogram[missingAt] as number;
    const missingH = histogram[missingAt + 1] as number;
    const missingC = histogram[missingAt + 2] as number;
    let leftG = 0;
    let leftH = 0;
    let leftC = 0;
    // The last bin as a split point only separates the missing values from the rest.
    const lastBin = missingC > 0 ? bins - 1 : bins - 2;
    for (let b = 0; b <= lastBin; b += 1) {
      const at = (base + b) * 3;
      leftG += histogram[at] as number;
      leftH += histogram[at + 1] as number;
      leftC += histogram[at + 2] as number;
      // Missing values to the right.
      const rightC = totalC - leftC;
      if (leftC >= minRowsPerLeaf && rightC >= minRowsPerLeaf) {
        const rightG = totalG - leftG;
        const rightH = totalH - leftH;
        if (leftH >= MIN_HESSIAN && rightH >= MIN_HESSIAN) {
          const gain =
            (leftG * leftG) / (leftH + l2) + (rightG * rightG) / (rightH + l2) - parentScore;
          if (gain > best.gain) {
            best.gain = gain;
            best.feature = feature;
            best.bin = b;
            // With no missing value here, unseen ones follow the larger side, as sklearn does.
            best.missingLeft = missingC === 0 && leftC >= rightC;
            best.leftG = leftG;
            best.leftH = leftH;
          }
        }
      }
      if (missingC > 0 && b < bins - 1) {
        // Missing values to the left.
        const withMissingC = leftC + missingC;
        const rightC2 = totalC - withMissingC;
        if (withMissingC >= minRowsPerLeaf && rightC2 >= minRowsPerLeaf) {
          const withMissingG = leftG + missingG;
          const withMissingH = leftH + missingH;
          const rightG = totalG - withMissingG;
          const rightH = totalH - withMissingH;
          if (withMissingH >= MIN_HESSIAN && rightH >= MIN_HESSIAN) {
            const gain =
              (withMissingG * withMissingG) / (withMissingH + l2) +
              (rightG * rightG) / (rightH + l2) -
              parentScore;
            if (gain > best.gain) {
              best.gain = gain;
              best.feature = feature;
              best.bin = b;
              best.missingLeft = true;
              best.leftG = withMissingG;
              best.leftH = withMissingH;
            }
          }
        }
      }
    }
  }
  return best;
}

/** The pending split with the highest gain. */
export function bestPending(pending: readonly Pending[]): number {
  let best = 0;
  for (let i = 1; i < pending.length; i += 1) {
    if ((pending[i] as Pending).gain > (pending[best] as Pending).gain) best = i;
  }
  return best;
}

/** The nodes of a growing tree, one array per field. */
export class NodeList {
  readonly start: number[] = [];
  readonly end: number[] = [];
  readonly depth: number[] = [];
  readonly feature: number[] = [];
  readonly threshold: number[] = [];
  readonly bin: number[] = [];
  readonly missingLeft: number[] = [];
  readonly left: number[] = [];
  readonly right: number[] = [];
  readonly value: number[] = [];
  readonly gain: number[] = [];
  readonly g: number[] = [];
  readonly h: number[] = [];

  constructor(private readonly limits: TreeLimits) {}

  get size(): number {
    return this.start.length;
  }

  /** A new leaf over `rows[start..end)`, whose gradients and hessians sum to `g` and `h`. */
  add(start: number, end: number, depth: number, g: number, h: number): number {
    const denominator = h + this.limits.l2;
    // The leaf value `-G / (H + l2)`, scaled by the learning rate.
    this.value.push(denominator > 0 ? (-this.limits.learningRate * g) / denominator : 0);
    this.g.push(g);
    this.h.push(h);
    this.start.push(start);
    this.end.push(end);
    this.depth.push(depth);
    this.feature.push(-1);
    this.threshold.push(0);
    this.bin.push(0);
    this.missingLeft.push(0);
    this.left.push(-1);
    this.right.push(-1);
    this.gain.push(0);
    return this.start.length - 1;
  }

  setSplit(node: number, split: Pending, left: number, right: number, threshold: number): void {
    this.feature[node] = split.feature;
    this.threshold[node] = threshold;
    this.bin[node] = split.bin;
    this.missingLeft[node] = split.missingLeft ? 1 : 0;
    this.left[node] = left;
    this.right[node] = right;
    this.gain[node] = split.gain;
  }
}
