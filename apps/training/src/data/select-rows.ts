/** The items at `indices`, in that order. */
export function selectRows<T>(items: readonly T[], indices: ArrayLike<number>): T[] {
  return Array.from({ length: indices.length }, (_, i) => items[indices[i] ?? 0] as T);
}

/** Per-row targets: 0/1 labels, class indices, or regression values. */
export type LabelArray = Uint8Array | Uint16Array | Float64Array;

/** The labels at `indices`, in that order, in an array of the same kind. */
export function selectLabels<T extends LabelArray>(labels: T, indices: ArrayLike<number>): T {
  const selected = new (labels.constructor as new (length: number) => T)(indices.length);
  for (let i = 0; i < indices.length; i += 1) selected[i] = labels[indices[i] ?? 0] ?? 0;
  return selected;
}
