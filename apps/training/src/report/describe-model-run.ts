import type { ModelSummary, ModelType } from '../train/model-family.js';

/** What each family is, in the card's words. */
export const MODEL_FAMILY_NAMES: Readonly<Record<ModelType, string>> = {
  mlp: 'multilayer perceptron (TensorFlow.js)',
  gbdt: 'gradient-boosted trees',
  linear: 'linear model',
};

/** The model's column in the cards' metric tables and its name in the plots' legends. */
const MODEL_COLUMN_LABELS: Readonly<Record<ModelType, string>> = {
  mlp: 'Network',
  gbdt: 'Gradient-boosted trees',
  linear: 'Linear model',
};

/** "Network", "Linear model" or "Gradient-boosted trees"; a run without a summary is a network. */
export function labelModelColumn(summary: ModelSummary | null): string {
  return MODEL_COLUMN_LABELS[summary?.type ?? 'mlp'];
}

/** The family in a few words, naming the linear estimator ("ridge regression"). */
export function describeModelFamily(summary: ModelSummary): string {
  return summary.type === 'linear' ? summary.estimator.replaceAll('_', ' ') : MODEL_FAMILY_NAMES[summary.type];
}

/** How training went in a few words: epochs for the mlp, trees and rounds, or the estimator's fit. */
export function describeModelRun(summary: ModelSummary): string {
  switch (summary.type) {
    case 'mlp':
      return `${summary.epochsRun} epochs (best ${summary.bestEpoch})`;
    case 'gbdt':
      return `${summary.trees} trees from ${summary.roundsRun} rounds (best round ${summary.bestRound}${summary.stoppedEarly ? ', stopped early' : ''})`;
    case 'linear':
      return `${describeModelFamily(summary)}, L2 ${summary.l2}, ${summary.iterations} iteration${summary.iterations === 1 ? '' : 's'}${summary.converged ? '' : ' (not converged)'}`;
  }
}
