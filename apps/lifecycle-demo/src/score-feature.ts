import type { ColumnSchema } from '@modelship/data-validation';
import type { TrafficRows } from './traffic-rows.js';

/** How strongly a feature goes with the label, measured on the rows themselves. */
export interface ScoredFeature {
  column: ColumnSchema;
  kind: 'numeric' | 'categorical';
  importance: number;
  correlation: number;
  std: number;
  /** Categorical: the category with the lowest positive rate. */
  safest: string;
}

/**
 * Numeric features: |Pearson correlation| with the 0/1 label. Categorical features: the spread
 * of the positive rate across categories holding at least 2% of the rows. Other types: null.
 */
export function scoreFeature(column: ColumnSchema, traffic: TrafficRows): ScoredFeature | null {
  const { rows, labels } = traffic;
  if (column.type === 'number' || column.type === 'integer') {
    const s = { n: 0, x: 0, y: 0, xx: 0, yy: 0, xy: 0 };
    rows.forEach((row, i) => {
      const x = row[column.name];
      if (typeof x !== 'number') return;
      const y = labels[i] ?? 0;
      s.n += 1;
      s.x += x;
      s.y += y;
      s.xx += x * x;
      s.yy += y * y;
      s.xy += x * y;
    });
    if (s.n < 2) return null;
    const vx = s.xx / s.n - (s.x / s.n) ** 2;
    const vy = s.yy / s.n - (s.y / s.n) ** 2;
    if (vx <= 0) return null;
    const correlation = vy > 0 ? (s.xy / s.n - (s.x / s.n) * (s.y / s.n)) / Math.sqrt(vx * vy) : 0;
    const std = Math.sqrt(vx);
    return {
      column,
      kind: 'numeric',
      importance: Math.abs(correlation),
      correlation,
      std,
      safest: '',
    };
  }
  if (column.type !== 'categorical') return null;
  const counts = new Map<string, { rows: number; positives: number }>();
  rows.forEach((row, i) => {
    const value = row[column.name];
    if (typeof value !== 'string') return;
    const entry = counts.get(value) ?? { rows: 0, positives: 0 };
    entry.rows++;
    entry.positives += labels[i] ?? 0;
    counts.set(value, entry);
  });
  const frequent = [...counts].filter(([, c]) => c.rows >= Math.max(5, rows.length * 0.02));
  if (frequent.length < 2) return null;
  const rates = frequent.map(([category, c]) => ({ category, rate: c.positives / c.rows }));
  rates.sort((a, b) => a.rate - b.rate);
  const importance = (rates.at(-1)?.rate ?? 0) - (rates[0]?.rate ?? 0);
  return {
    column,
    kind: 'categorical',
    importance,
    correlation: 0,
    std: 0,
    safest: rates[0]?.category ?? '',
  };
}
