import type { ModelSummary } from '../train/model-family.js';

type SummaryType = ModelSummary['type'];

/** What each family is, in the card's words. */
export const MODEL_FAMILY_NAMES: Readonly<Record<SummaryType, string>> = {
  mlp: 'multilayer perceptron (TensorFlow.js)',
  gbdt: 'gradient-boosted trees',
  linear: 'linear model',
  imported: 'model imported from ONNX',
};

/** The model's column in the cards' metric tables and its name in the plots' legends. */
const MODEL_COLUMN_LABELS: Readonly<Record<SummaryType, string>> = {
  mlp: 'Network',
  gbdt: 'Gradient-boosted trees',
  linear: 'Linear model',
  imported: 'Imported model',
};

/** "Network", "Linear model" or "Gradient-boosted trees"; a run without a summary is a network. */
export function labelModelColumn(summary: ModelSummary | null): string {
  return MODEL_COLUMN_LABELS[summary?.type ?? 'mlp'];
}

/** The family in a few words, naming the linear estimator ("ridge regression"). */
export function describeModelFamily(summary: ModelSummary): string {
  if (summary.type === 'imported') return `${MODEL_FAMILY_NAMES.imported} (${summary.producer})`;
  return summary.type === 'linear' ? summary.estimator.replaceAll('_', ' ') : MODEL_FAMILY_NAMES[summary.type];
}

/** How training went in a few words: epochs for the mlp, trees and rounds, the estimator's fit, or where an imported model came from. */
export function describeModelRun(summary: ModelSummary): string {
  switch (summary.type) {
    case 'mlp':
      return `${summary.epochsRun} epochs (best ${summary.bestEpoch})`;
    case 'gbdt':
      return `${summary.trees} trees from ${summary.roundsRun} rounds (best round ${summary.bestRound}${summary.stoppedEarly ? ', stopped early' : ''})`;
    case 'linear':
      return `${describeModelFamily(summary)}, L2 ${summary.l2}, ${summary.iterations} iteration${summary.iterations === 1 ? '' : 's'}${summary.converged ? '' : ' (not converged)'}`;
    case 'imported':
      return `not trained here: imported from \`${summary.file}\` (${summary.producer})`;
  }
}
