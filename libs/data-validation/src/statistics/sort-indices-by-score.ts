/** Row indices ordered by score; the index breaks ties so the order is the same everywhere. */
export function sortIndicesByScore(
  scores: ArrayLike<number>,
  direction: 'ascending' | 'descending',
): Uint32Array {
  const order = new Uint32Array(scores.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  const sign = direction === 'ascending' ? 1 : -1;
  return order.sort((a, b) => sign * (scores[a] - scores[b]) || a - b);
}
