import { LOWER_IS_BETTER } from '../../gate/gate-params.js';
import type { ModelSummary } from '../../train/model-family.js';
import type { ModelSelection } from '../../train/select-best-model.js';
import { formatCount, formatMetric, renderTable } from './_markdown.js';

/** The feature-importance table shows this many features (train-result.json has them all). */
export const MAX_IMPORTANCE_ROWS = 15;

/**
 * The `model.type: auto` comparison: each family's validation figure and training time, and the
 * one kept; null for a run that named its family.
 */
export function renderModelSelection(selection: ModelSelection | null): string | null {
  if (!selection) return null;
  const { metric, candidates, chosen } = selection;
  const rows = candidates.map((c) => [
    c.type === chosen ? `**${c.type}** (chosen)` : c.type,
    formatMetric(c.validation),
    c.trainSeconds.toFixed(1),
  ]);
  return [
    '## Model selection',
    '',
    `\`model.type: auto\` trained each family on the training split and kept the best ${metric} on the validation split (${LOWER_IS_BETTER.has(metric) ? 'lower' : 'higher'} is better; a tie goes to the simpler family). The test split and the gate took no part in the choice.`,
    '',
    renderTable(['Family', `Validation ${metric}`, 'Train seconds'], rows, ['l', 'r', 'r']),
  ].join('\n');
}

/** Gradient-boosted trees: the features with the most split gain, and the tree count; else null. */
export function renderFeatureImportance(summary: ModelSummary | null): string | null {
  if (summary?.type !== 'gbdt') return null;
  const total = summary.importance.reduce((sum, f) => sum + f.gain, 0);
  const top = [...summary.importance].sort((a, b) => b.gain - a.gain).slice(0, MAX_IMPORTANCE_ROWS);
  const rows = top.map((f) => [
    `\`${f.feature}\``,
    String(Number(f.gain.toPrecision(4))),
    total > 0 ? `${((100 * f.gain) / total).toFixed(1)}%` : '—',
    formatCount(f.splits),
  ]);
  return [
    '## Feature importance',
    '',
    `Total split gain and split count per feature over the model's ${formatCount(summary.trees)} trees (top ${MAX_IMPORTANCE_ROWS} of ${summary.importance.length} features with a split; all of them in \`train-result.json\`).`,
    '',
    renderTable(['Feature', 'Gain', 'Share of gain', 'Splits'], rows, ['l', 'r', 'r', 'r']),
  ].join('\n');
}

/**
 * An imported model: where it came from, what import changed in its graph and how that was
 * proved to change no number; null for a model trained here.
 */
export function renderImportSection(summary: ModelSummary | null): string | null {
  if (summary?.type !== 'imported') return null;
  const list = (lines: readonly string[]) => (lines.length === 0 ? 'none' : lines.join('; '));
  return [
    '## Import',
    '',
    `Trained elsewhere and brought in with \`modelship import\`: every figure on this card is what modelship measured on the sample's test split, not the notebook's own.`,
    '',
    renderTable(
      ['', ''],
      [
        ['Source', `\`${summary.file}\``],
        ['Producer', summary.producer],
        ['Graph changes', list(summary.rewrites)],
        [`Proof (${formatCount(summary.proofRows)} rows)`, list(summary.proof)],
      ],
      ['l', 'l'],
    ),
  ].join('\n');
}
