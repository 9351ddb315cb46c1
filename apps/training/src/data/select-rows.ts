/** The items at `indices`, in that order. */
export function selectRows<T>(items: readonly T[], indices: ArrayLike<number>): T[] {
  return Array.from({ length: indices.length }, (_, i) => items[indices[i] ?? 0] as T);
}

/** The labels at `indices`, in that order. */
export function selectLabels(labels: Uint8Array, indices: ArrayLike<number>): Uint8Array {
  return Uint8Array.from({ length: indices.length }, (_, i) => labels[indices[i] ?? 0] ?? 0);
}
