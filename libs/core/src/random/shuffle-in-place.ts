/** Fisher-Yates shuffle in place, driven by `random` (a seeded generator gives a repeatable order). */
export function shuffleInPlace<T extends { length: number; [index: number]: unknown }>(
  items: T,
  random: () => number,
): T {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    const swap = items[i];
    items[i] = items[j];
    items[j] = swap;
  }
  return items;
}
