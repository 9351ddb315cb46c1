import { sortIndicesByScore } from '@modelship/data-validation';

export interface RocPoint {
  fpr: number;
  tpr: number;
  /** Rows scoring at or above this count as positive; Infinity for the (0, 0) start. */
  threshold: number;
}

export interface PrPoint {
  recall: number;
  precision: number;
  threshold: number;
}

interface ThresholdCounts {
  threshold: number;
  truePositives: number;
  falsePositives: number;
}

/** Cumulative true and false positives at each distinct score, highest score first. */
function countAtDistinctThresholds(
  labels: ArrayLike<number>,
  scores: ArrayLike<number>,
): ThresholdCounts[] {
  const order = sortIndicesByScore(scores, 'descending');
  const counts: ThresholdCounts[] = [];
  let truePositives = 0;
  let falsePositives = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    if (labels[i] === 1) truePositives++;
    else falsePositives++;
    const next = order[k + 1];
    if (next === undefined || scores[next] !== scores[i]) {
      counts.push({ threshold: scores[i], truePositives, falsePositives });
    }
  }
  return counts;
}

/** The ROC curve from (0, 0) to (1, 1), one point per distinct score. Empty for a single class. */
export function computeRocCurve(labels: ArrayLike<number>, scores: ArrayLike<number>): RocPoint[] {
  const counts = countAtDistinctThresholds(labels, scores);
  const last = counts.at(-1);
  if (!last || last.truePositives === 0 || last.falsePositives === 0) return [];
  const points: RocPoint[] = [{ fpr: 0, tpr: 0, threshold: Number.POSITIVE_INFINITY }];
  for (const c of counts) {
    points.push({
      fpr: c.falsePositives / last.falsePositives,
      tpr: c.truePositives / last.truePositives,
      threshold: c.threshold,
    });
  }
  return points;
}

/**
 * The precision-recall curve, one point per distinct score in order of rising recall,
 * as scikit-learn's precision_recall_curve (without its final (recall 0, precision 1) point).
 */
export function computePrCurve(labels: ArrayLike<number>, scores: ArrayLike<number>): PrPoint[] {
  const counts = countAtDistinctThresholds(labels, scores);
  const positives = counts.at(-1)?.truePositives ?? 0;
  if (positives === 0) return [];
  return counts.map((c) => ({
    recall: c.truePositives / positives,
    precision: c.truePositives / (c.truePositives + c.falsePositives),
    threshold: c.threshold,
  }));
}

/**
 * Drops points closer than `minDistance` (in the unit square) to the last kept one, always
 * keeping the ends: a 10,000-point curve shrinks to a few hundred without changing its shape.
 */
export function thinCurve<T>(
  points: readonly T[],
  coordinates: (p: T) => [number, number],
  minDistance = 0.004,
): T[] {
  if (points.length <= 2) return [...points];
  const kept: T[] = [points[0]];
  let [lastX, lastY] = coordinates(points[0]);
  for (let i = 1; i < points.length - 1; i++) {
    const [x, y] = coordinates(points[i]);
    if (Math.hypot(x - lastX, y - lastY) >= minDistance) {
      kept.push(points[i]);
      lastX = x;
      lastY = y;
    }
  }
  kept.push(points[points.length - 1]);
  return kept;
}
