import type { CategoricalReference } from './reference-stats.js';

/** Category counts; values past `maxTracked` distinct ones are counted as "other" at once. */
export class CategoricalProfile {
  private readonly counts = new Map<string, number>();
  private overflow = 0;
  private missing = 0;

  constructor(
    private readonly name: string,
    private readonly maxTracked: number,
    private readonly boolean: boolean,
  ) {}

  addMissing(): void {
    this.missing += 1;
  }

  add(value: string): void {
    const count = this.counts.get(value);
    if (count !== undefined) this.counts.set(value, count + 1);
    else if (this.counts.size < this.maxTracked) this.counts.set((' ' + value).slice(1), 1);
    else this.overflow += 1;
  }

  build(maxCategories: number): CategoricalReference {
    const sorted = [...this.counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const kept = sorted.slice(0, maxCategories);
    const total = sorted.reduce((sum, [, count]) => sum + count, 0) + this.overflow;
    const share = (count: number): number => (total === 0 ? 0 : count / total);
    const keptCount = kept.reduce((sum, [, count]) => sum + count, 0);
    return {
      name: this.name,
      kind: 'categorical',
      ...(this.boolean ? { boolean: true } : {}),
      count: total,
      missing: this.missing,
      categories: kept.map(([value]) => value),
      proportions: kept.map(([, count]) => share(count)),
      other: share(total - keptCount),
    };
  }
}
