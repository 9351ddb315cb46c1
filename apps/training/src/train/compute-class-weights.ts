/**
 * scikit-learn's "balanced" class weights, `rows / (classes * count(class))`, for class indices
 * 0..classes-1 (checked by the caller); a class absent from the labels counts as one row so its weight stays finite.
 */
export function computeBalancedWeights(
  labels: ArrayLike<number>,
  classCount: number,
): Record<number, number> {
  const counts = new Array<number>(classCount).fill(0);
  for (let i = 0; i < labels.length; i += 1) {
    const label = labels[i] ?? 0;
    counts[label] = (counts[label] ?? 0) + 1;
  }
  const weights: Record<number, number> = {};
  counts.forEach((count, label) => {
    weights[label] = labels.length / (classCount * Math.max(count, 1));
  });
  return weights;
}
