import type { PredictionTarget } from '../src/monitoring/prediction-target.js';

// The targets of the generated fixture datasets (loans, tickets, listings), for unit specs of
// what judges labels and computes live quality per task.

export const LOANS_TARGET: PredictionTarget = {
  task: 'binary',
  classes: ['no', 'yes'],
  column: 'defaulted',
};

export const TICKETS_TARGET: PredictionTarget = {
  task: 'multiclass',
  classes: ['low', 'normal', 'urgent'],
  column: 'priority',
};

export const LISTINGS_TARGET: PredictionTarget = {
  task: 'regression',
  classes: [],
  column: 'price_eur',
};
