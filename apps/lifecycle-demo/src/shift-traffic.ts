import type { ColumnSchema } from '@modelship/data-validation';
import { createSeededRandom, shuffleInPlace } from '@modelship/core';
import { DemoError } from './demo-error.js';
import { scoreFeature, type ScoredFeature } from './score-feature.js';
import type { FeatureRow, TrafficRows } from './traffic-rows.js';

/** How one feature's distribution changes. */
export type FeatureShift =
  | { kind: 'numeric'; feature: string; stdDevs: number; by: number }
  | { kind: 'categorical'; feature: string; category: string; share: number };

/** A drift scenario: two features move and the positive class becomes more frequent. */
export interface DriftShift {
  shifts: FeatureShift[];
  /** Positives are this many times as frequent as in the source rows (capped at 95%). */
  baseRateFactor: number;
}

export interface DriftShiftOptions {
  /** Features to shift; default: the most predictive numeric and categorical ones. */
  features?: readonly string[];
  /** How far a numeric feature moves, in its standard deviations. @default 1.5 */
  stdDevs?: number;
  /** The share of rows the chosen category takes in a categorical feature. @default 0.6 */
  categoryShare?: number;
  /** @default 2 */
  baseRateFactor?: number;
}

/**
 * Chooses the scenario from the rows themselves (never from column names): the numeric feature
 * with the largest |correlation| with the label, moved against it, and the categorical feature
 * whose categories' positive rates differ most, re-weighted towards its least positive category.
 * Both push a model trained before the shift to predict fewer positives, while the base rate
 * doubles: its live accuracy drops. Named `features` replace the automatic choice.
 */
export function chooseDriftShift(
  traffic: TrafficRows,
  options: DriftShiftOptions = {},
): DriftShift {
  const stdDevs = options.stdDevs ?? 1.5;
  const share = options.categoryShare ?? 0.6;
  const scored = traffic.features
    .map((column) => scoreFeature(column, traffic))
    .filter((s): s is ScoredFeature => s !== null);
  let chosen: ScoredFeature[];
  if (options.features && options.features.length > 0) {
    chosen = options.features.map((name) => {
      const found = scored.find((s) => s.column.name === name);
      if (!found) {
        const usable = scored.map((s) => s.column.name).join(', ');
        throw new DemoError(
          'E_DEMO_SHIFT_FEATURE',
          `cannot shift \`${name}\`: it is not a numeric or categorical feature of the schema with values in the traffic; use one of ${usable}.`,
          name,
        );
      }
      return found;
    });
  } else {
    const best = (kind: ScoredFeature['kind']) =>
      scored.filter((s) => s.kind === kind).sort((a, b) => b.importance - a.importance);
    const numeric = best('numeric');
    const categorical = best('categorical');
    chosen = [numeric[0], categorical[0] ?? numeric[1], numeric[0] ? undefined : categorical[1]]
      .filter((s): s is ScoredFeature => s !== undefined)
      .slice(0, 2);
  }
  return {
    shifts: chosen.map((s): FeatureShift => {
      if (s.kind === 'numeric') {
        const by = -Math.sign(s.correlation || 1) * stdDevs * s.std;
        return { kind: 'numeric', feature: s.column.name, stdDevs, by };
      }
      return { kind: 'categorical', feature: s.column.name, category: s.safest, share };
    }),
    baseRateFactor: options.baseRateFactor ?? 2,
  };
}

/**
 * Draws `count` rows of the shifted world: positives resampled to `baseRateFactor` times their
 * share, then each shift applied to the features only (labels stay as drawn, so the relation
 * the old model learned no longer holds). Numbers stay inside the schema's min/max (integers
 * stay integers), so the rows still pass the dataset schema. Seeded: same input, same rows.
 */
export function applyDriftShift(
  traffic: TrafficRows,
  shift: DriftShift,
  options: { count: number; seed: number },
): TrafficRows {
  const random = createSeededRandom(options.seed);
  const positives: number[] = [];
  const negatives: number[] = [];
  traffic.labels.forEach((label, i) => (label === 1 ? positives : negatives).push(i));
  const rate = positives.length / Math.max(1, traffic.labels.length);
  const wanted = Math.min(0.95, rate * shift.baseRateFactor);
  const draw = [cycle(positives, random), cycle(negatives, random)] as const;
  const rows: FeatureRow[] = [];
  const labels = new Uint8Array(options.count);
  const columns = new Map(traffic.features.map((column) => [column.name, column]));
  const replaceShare = shift.shifts.map((s) =>
    s.kind === 'categorical' ? replacementShare(traffic.rows, s) : 0,
  );
  for (let i = 0; i < options.count; i++) {
    const positive = positives.length > 0 && (negatives.length === 0 || random() < wanted);
    const source = (positive ? draw[0] : draw[1])();
    const row = { ...traffic.rows[source] };
    shift.shifts.forEach((s, k) => {
      const value = row[s.feature];
      if (value === null || value === undefined) return;
      if (s.kind === 'numeric' && typeof value === 'number') {
        row[s.feature] = moveNumber(value + s.by, columns.get(s.feature));
      } else if (s.kind === 'categorical' && random() < (replaceShare[k] ?? 0)) {
        row[s.feature] = s.category;
      }
    });
    rows.push(row);
    labels[i] = traffic.labels[source] ?? 0;
  }
  return { ...traffic, rows, labels, source: `${traffic.source}, shifted` };
}

/** One line per shift, for the timeline and the report. */
export function describeDriftShift(shift: DriftShift): string {
  const parts = shift.shifts.map((s) =>
    s.kind === 'numeric'
      ? `${s.feature} ${s.by >= 0 ? '+' : ''}${s.by.toFixed(2)} (${s.by >= 0 ? '+' : '-'}${s.stdDevs} sd)`
      : `${s.feature}: "${s.category}" on ${Math.round(s.share * 100)}% of rows`,
  );
  return [...parts, `positives x${shift.baseRateFactor}`].join('; ');
}

// --- internal ---

// Returns the index of the next row of a class, reshuffling after each full pass.
function cycle(indices: number[], random: () => number): () => number {
  let next = indices.length;
  return () => {
    if (next >= indices.length) {
      shuffleInPlace(indices, random);
      next = 0;
    }
    return indices[next++] ?? 0;
  };
}

// The share of rows to overwrite with the category so that it ends up on `share` of them.
function replacementShare(
  rows: readonly FeatureRow[],
  shift: { feature: string; category: string; share: number },
): number {
  const present = rows.filter((row) => typeof row[shift.feature] === 'string');
  const current =
    present.filter((row) => row[shift.feature] === shift.category).length /
    Math.max(1, present.length);
  return current >= shift.share ? 0 : (shift.share - current) / (1 - current);
}

function moveNumber(value: number, column: ColumnSchema | undefined): number {
  let moved = column?.type === 'integer' ? Math.round(value) : Math.round(value * 100) / 100;
  if (column?.min !== undefined) moved = Math.max(column.min, moved);
  if (column?.max !== undefined) moved = Math.min(column.max, moved);
  return moved;
}
