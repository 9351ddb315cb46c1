/**
 * The majority-class baseline: every row gets the training positive rate as its probability
 * (scikit-learn's DummyClassifier "prior"), so at a 0.5 threshold it predicts the majority class.
 * Its AUC is 0.5 by construction; its log loss is the entropy of the class balance.
 */
export function fitMajorityClass(labels: ArrayLike<number>): { positiveRate: number } {
  if (labels.length === 0) throw new RangeError('Majority-class baseline: no training labels.');
  let positives = 0;
  for (let i = 0; i < labels.length; i++) positives += labels[i];
  return { positiveRate: positives / labels.length };
}

export function predictMajorityClass(model: { positiveRate: number }, rows: number): Float64Array {
  return new Float64Array(rows).fill(model.positiveRate);
}
