import type { TrainingSummary } from '../card/card-input.js';

// Training facts of each family as train-result.json records them, for the cards' specs.

/** 12 epochs (best 9) on the wasm backend. */
export function mlpTraining(trainRows: number): TrainingSummary {
  return {
    model: { type: 'mlp', backend: 'wasm', backendFallback: null, epochsRun: 12, bestEpoch: 9, stoppedEarly: true, history: [] },
    trainRows,
    trainSeconds: 4.25,
    selection: null,
  };
}

/** Ridge or logistic regression, chosen by `auto` over the network when `auto` is set. */
export function linearTraining(estimator: string, auto = false): TrainingSummary {
  return {
    model: { type: 'linear', estimator, l2: 0.5, iterations: 7, converged: true },
    trainRows: 3500,
    trainSeconds: 0.25,
    selection: auto
      ? {
          metric: 'rmse',
          candidates: [
            { type: 'linear', validation: 1.5, trainSeconds: 0.25 },
            { type: 'mlp', validation: 2.75, trainSeconds: 6.5 },
          ],
          chosen: 'linear',
        }
      : null,
  };
}

/** 40 trees that split on 17 features, `f0` (the least gain) to `f16` (the most). */
export function gbdtTraining(): TrainingSummary {
  return {
    model: {
      type: 'gbdt',
      trees: 40,
      roundsRun: 60,
      bestRound: 40,
      stoppedEarly: true,
      history: [],
      importance: Array.from({ length: 17 }, (_, i) => ({ feature: `f${i}`, gain: i + 1, splits: 2 * i + 1 })),
    },
    trainRows: 3500,
    trainSeconds: 1.5,
    selection: null,
  };
}
