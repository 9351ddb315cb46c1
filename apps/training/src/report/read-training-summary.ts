import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelCardInput } from './card/card-input.js';

// train-result.json is written by the train step; its name is repeated here so evaluating never
// loads the training code (and TensorFlow.js) just for a constant.
/** The card's training line from the bundle's train-result.json; null when it is absent. */
export function readTrainingSummary(bundleDir: string): ModelCardInput['training'] {
  const file = join(bundleDir, 'train-result.json');
  if (!existsSync(file)) return null;
  const result = JSON.parse(readFileSync(file, 'utf8')) as {
    backend?: string;
    epochsRun?: number;
    bestEpoch?: number;
    split?: { train?: number };
    timings?: { trainSeconds?: number };
  };
  return {
    backend: result.backend ?? 'unknown',
    epochsRun: result.epochsRun ?? 0,
    bestEpoch: result.bestEpoch ?? 0,
    trainRows: result.split?.train ?? 0,
    trainSeconds: result.timings?.trainSeconds ?? 0,
  };
}
