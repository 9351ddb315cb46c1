import type { FeatureBins } from './bin-features.js';
import { MISSING_BIN } from './bin-features.js';
import type { FeatureBundles } from './bundle-features.js';
import { findFeatureBundles } from './bundle-features.js';
import type { GbdtTree } from './gbdt-model.js';
import type { HistogramBuffer, HistogramColumns } from './histogram-kernel.js';
import { accumulateHistograms, BINS, clearSlots } from './histogram-kernel.js';
import type { HistogramThreads } from './histogram-threads.js';
import { createTypedArray } from './histogram-threads.js';
import type { Pending, TreeLimits } from './tree-nodes.js';
import { bestPending, findBestSplit, NodeList } from './tree-nodes.js';

export type { TreeLimits } from './tree-nodes.js';

/** The training rows trees grow on, binned column-major. */
export interface BinnedRows {
  bins: FeatureBins;
  /** `binned[j * rows + i]`, from `binMatrix`. */
  binned: Uint8Array;
  rows: number;
}

/** A grown tree, with the bin of each split (to route binned rows) and where its rows ended. */
export interface GrownTree {
  tree: GbdtTree;
  /** Per node: the highest bin sent left (inner nodes only). */
  splitBin: Uint8Array;
  /**
   * The rows the tree grew on, grouped by leaf: leaf `l` holds `rows[leafStart[l]..leafEnd[l])`
   * (the grower's buffer: valid until its next tree).
   */
  rows: Uint32Array;
  leafNodes: number[];
  leafStart: number[];
  leafEnd: number[];
}

/**
 * A reusable tree grower for one training matrix: histogram buffers and scratch arrays are
 * allocated once and kept across trees. With `threads` (attached here), what histograms are built
 * from (the binned columns, the node's rows, their gradients) lives in shared memory, so they can
 * build a large node's histograms beside the grower's thread.
 */
export class TreeGrower {
  private readonly pool: HistogramBuffer[] = [];
  /** The tree's rows, partitioned in place as it grows: a node is `rows[start..end)`. */
  private readonly rows: Uint32Array;
  /** The gradients and hessians of the node whose histograms are being built, in row order. */
  private readonly ordered: Float32Array;
  private readonly orderedHessians: Float32Array;
  private readonly scratch: Uint32Array;
  private readonly bundles: FeatureBundles;
  /**
   * The columns histograms are built from: every feature's bins, then each bundle's; column `c`
   * has `columnBins[c]` value bins and its slots at `c * BINS`.
   */
  private readonly source: HistogramColumns;

  constructor(
    private readonly data: BinnedRows,
    private readonly limits: TreeLimits,
    private readonly threads?: HistogramThreads,
  ) {
    const { bins, binned, rows } = data;
    const shared = threads !== undefined;
    this.rows = createTypedArray(Uint32Array, rows, shared);
    this.ordered = createTypedArray(Float32Array, rows, shared);
    this.orderedHessians = createTypedArray(Float32Array, rows, shared);
    this.scratch = new Uint32Array(rows);
    this.bundles = findFeatureBundles(bins, binned, rows);
    const length = binned.length + this.bundles.columns.length;
    const columns = createTypedArray(Uint8Array, length, shared);
    columns.set(binned);
    columns.set(this.bundles.columns, binned.length);
    const columnBins = Uint16Array.of(
      ...bins.binCounts,
      ...this.bundles.features.map((members) => members.length + 1),
    );
    this.source = { columns, columnBins, total: rows };
    threads?.attach({
      ...this.source,
      rows: this.rows,
      gradients: this.ordered,
      hessians: this.orderedHessians,
    });
  }

  /**
   * Grows one tree best-first on `sampled` (ascending row indices) over the `features` allowed,
   * for the output `target` fitted to `gradients`/`hessians`.
   */
  grow(
    gradients: Float32Array,
    hessians: Float32Array,
    sampled: Uint32Array,
    features: Int32Array,
    target: number,
  ): GrownTree {
    const { maxLeaves, maxDepth, minRowsPerLeaf } = this.limits;
    const rows = this.rows.subarray(0, sampled.length);
    rows.set(sampled);
    const nodes = new NodeList(this.limits);
    let rootG = 0;
    let rootH = 0;
    for (let k = 0; k < rows.length; k += 1) {
      const row = rows[k] as number;
      rootG += gradients[row] as number;
      rootH += hessians[row] as number;
    }
    const root = nodes.add(0, rows.length, 0, rootG, rootH);
    const pending: Pending[] = [];
    const leaves: number[] = [];
    const plan = this.planColumns(features);
    const rootHistogram = this.take();
    this.buildHistogram(rootHistogram, gradients, hessians, rows, 0, rows.length, plan);
    this.expandBundles(rootHistogram, plan, rootG, rootH, rows.length);
    this.considerSplit(nodes, root, rootHistogram, features, pending, leaves);
    let leafCount = 1;
    while (pending.length > 0 && leafCount < maxLeaves) {
      const next = pending.splice(bestPending(pending), 1)[0] as Pending;
      const { node, histogram } = next;
      const start = nodes.start[node] as number;
      const end = nodes.end[node] as number;
      const leftEnd = this.partition(rows, start, end, next);
      const depth = (nodes.depth[node] as number) + 1;
      const parentG = nodes.g[node] as number;
      const parentH = nodes.h[node] as number;
      const left = nodes.add(start, leftEnd, depth, next.leftG, next.leftH);
      const right = nodes.add(leftEnd, end, depth, parentG - next.leftG, parentH - next.leftH);
      nodes.setSplit(node, next, left, right, this.threshold(next));
      leafCount += 1;
      const canSplit = (child: number): boolean =>
        leafCount < maxLeaves &&
        depth < maxDepth &&
        (nodes.end[child] as number) - (nodes.start[child] as number) >= 2 * minRowsPerLeaf;
      const splitLeft = canSplit(left);
      const splitRight = canSplit(right);
      if (!splitLeft && !splitRight) {
        this.release(histogram);
        leaves.push(left, right);
        continue;
      }
      // Build the smaller child's histogram; the larger one's is the parent's minus it.
      const leftIsSmaller = leftEnd - start <= end - leftEnd;
      const small = leftIsSmaller ? left : right;
      const large = leftIsSmaller ? right : left;
      const smallHistogram = this.take();
      const smallStart = nodes.start[small] as number;
      const smallEnd = nodes.end[small] as number;
      this.buildHistogram(smallHistogram, gradients, hessians, rows, smallStart, smallEnd, plan);
      this.expandBundles(
        smallHistogram,
        plan,
        nodes.g[small] as number,
        nodes.h[small] as number,
        smallEnd - smallStart,
      );
      subtractHistogram(histogram, smallHistogram, features, this.data.bins.binCounts);
      const splits = leftIsSmaller ? [splitLeft, splitRight] : [splitRight, splitLeft];
      for (const [child, childHistogram, split] of [
        [small, smallHistogram, splits[0]],
        [large, histogram, splits[1]],
      ] as const) {
        if (split) this.considerSplit(nodes, child, childHistogram, features, pending, leaves);
        else {
          this.release(childHistogram);
          leaves.push(child);
        }
      }
    }
    for (const open of pending) {
      this.release(open.histogram);
      leaves.push(open.node);
    }
    leaves.sort((a, b) => a - b);
    return this.finish(nodes, leaves, rows, target);
  }

  // --- internal ---

  private take(): HistogramBuffer {
    return this.pool.pop() ?? createHistogram(this.source.columnBins.length);
  }

  private release(histogram: HistogramBuffer): void {
    this.pool.push(histogram);
  }

  /** The columns to build histograms of: the features allowed outside bundles, and their bundles. */
  private planColumns(features: Int32Array): ColumnPlan {
    const { bundleOf } = this.bundles;
    const width = this.data.bins.width;
    const plain: number[] = [];
    const bundles = new Set<number>();
    for (const feature of features) {
      const bundle = bundleOf[feature] as number;
      if (bundle < 0) plain.push(feature);
      else bundles.add(bundle);
    }
    const used = [...bundles].sort((a, b) => a - b);
    return {
      columns: Int32Array.from([...plain, ...used.map((bundle) => width + bundle)]),
      bundles: Int32Array.from(used),
    };
  }

  /**
   * Writes each bundled feature's own histogram from its bundle's: bin 1 is the bundle's bin for
   * it, bin 0 the node's rest (every other row), and no missing value.
   */
  private expandBundles(
    histogram: HistogramBuffer,
    plan: ColumnPlan,
    totalG: number,
    totalH: number,
    totalC: number,
  ): void {
    const width = this.data.bins.width;
    for (const bundle of plan.bundles) {
      const source = (width + bundle) * BINS;
      const members = this.bundles.features[bundle] as Int32Array;
      for (let i = 0; i < members.length; i += 1) {
        const base = (members[i] as number) * BINS;
        const from = (source + i + 1) * 3;
        const g = histogram[from] as number;
        const h = histogram[from + 1] as number;
        const c = histogram[from + 2] as number;
        clearSlots(histogram, base, 2);
        histogram[base * 3] = totalG - g;
        histogram[base * 3 + 1] = totalH - h;
        histogram[base * 3 + 2] = totalC - c;
        histogram[(base + 1) * 3] = g;
        histogram[(base + 1) * 3 + 1] = h;
        histogram[(base + 1) * 3 + 2] = c;
      }
    }
  }

  /**
   * Writes the histograms of the plan's columns over the node `rows[start..end)`: on the
   * threads when the node is large enough to pay for the handoff, else on this one.
   */
  private buildHistogram(
    histogram: HistogramBuffer,
    gradients: Float32Array,
    hessians: Float32Array,
    rows: Uint32Array,
    start: number,
    end: number,
    plan: ColumnPlan,
  ): void {
    const ordered = this.ordered;
    const orderedHessians = this.orderedHessians;
    const n = end - start;
    for (let k = 0; k < n; k += 1) {
      const row = rows[start + k] as number;
      ordered[k] = gradients[row] as number;
      orderedHessians[k] = hessians[row] as number;
    }
    if (this.threads && n * plan.columns.length >= MIN_SHARED_NODE_WORK) {
      this.threads.build(histogram, plan.columns, start, n);
    } else {
      accumulateHistograms(histogram, this.source, plan.columns, {
        rows,
        start,
        n,
        gradients: ordered,
        hessians: orderedHessians,
      });
    }
  }

  /** Finds the node's best split; queues it when it gains, else the node becomes a leaf. */
  private considerSplit(
    nodes: NodeList,
    node: number,
    histogram: HistogramBuffer,
    features: Int32Array,
    pending: Pending[],
    leaves: number[],
  ): void {
    const best = findBestSplit(
      nodes,
      node,
      histogram,
      features,
      this.data.bins.binCounts,
      this.limits,
    );
    if (best.feature < 0) {
      this.release(histogram);
      leaves.push(node);
    } else {
      pending.push(best);
    }
  }

  /** Stable in-place partition of the node's rows; returns where the right child starts. */
  private partition(rows: Uint32Array, start: number, end: number, split: Pending): number {
    const { binned, rows: total } = this.data;
    const offset = split.feature * total;
    const bin = split.bin;
    const missingLeft = split.missingLeft;
    const scratch = this.scratch;
    const missingGoesLeft = missingLeft ? 1 : 0;
    let left = start;
    let right = 0;
    // Branch-free: each row is written to both sides, and only its side's cursor moves.
    for (let k = start; k < end; k += 1) {
      const row = rows[k] as number;
      const b = binned[offset + row] as number;
      const goesLeft = b === MISSING_BIN ? missingGoesLeft : b <= bin ? 1 : 0;
      rows[left] = row;
      scratch[right] = row;
      left += goesLeft;
      right += 1 - goesLeft;
    }
    rows.set(scratch.subarray(0, right), left);
    return left;
  }

  private threshold(split: Pending): number {
    const { binCounts, edges } = this.data.bins;
    // The last bin has no upper edge: every non-missing value goes left.
    return split.bin === (binCounts[split.feature] as number) - 1
      ? Number.POSITIVE_INFINITY
      : ((edges[split.feature] as Float64Array)[split.bin] as number);
  }

  private finish(nodes: NodeList, leaves: number[], rows: Uint32Array, target: number): GrownTree {
    const count = nodes.size;
    const tree: GbdtTree = {
      feature: Int32Array.from(nodes.feature),
      threshold: Float64Array.from(nodes.threshold),
      missingLeft: Uint8Array.from(nodes.missingLeft),
      left: Int32Array.from(nodes.left),
      right: Int32Array.from(nodes.right),
      value: new Float64Array(count),
      gain: Float64Array.from(nodes.gain),
      target,
    };
    for (const leaf of leaves) tree.value[leaf] = nodes.value[leaf] as number;
    return {
      tree,
      splitBin: Uint8Array.from(nodes.bin),
      rows,
      leafNodes: leaves,
      leafStart: leaves.map((leaf) => nodes.start[leaf] as number),
      leafEnd: leaves.map((leaf) => nodes.end[leaf] as number),
    };
  }
}

// --- internal ---

/**
 * Rows x columns of a node below which its histograms stay on the grower's thread: waking a
 * worker and waiting for it costs about as much as building them (measured, see the README).
 */
const MIN_SHARED_NODE_WORK = 50_000;

/** The histogram columns of one tree: plain features then bundles, and which bundles. */
interface ColumnPlan {
  columns: Int32Array;
  bundles: Int32Array;
}

function createHistogram(width: number): HistogramBuffer {
  return new Float64Array(width * BINS * 3);
}

/** `parent -= child` over the slots the features use: the parent becomes the larger child. */
function subtractHistogram(
  parent: HistogramBuffer,
  child: HistogramBuffer,
  features: Int32Array,
  binCounts: Uint16Array,
): void {
  for (let f = 0; f < features.length; f += 1) {
    const feature = features[f] as number;
    const base = feature * BINS;
    const end = (base + (binCounts[feature] as number)) * 3;
    for (let at = base * 3; at < end; at += 1) parent[at] -= child[at] as number;
    const missingAt = (base + MISSING_BIN) * 3;
    for (let at = missingAt; at < missingAt + 3; at += 1) parent[at] -= child[at] as number;
  }
}
