import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TrainResult } from '../steps/train-result.js';
import type { TrainingSummary } from './card/card-input.js';

// train-result.json is written by the train step; its name is repeated here so evaluating never
// loads the training code (and TensorFlow.js) just for a constant.
/**
 * The cards' training facts from the bundle's train-result.json; null when it is absent. A file
 * from before model families (no `model`) is an mlp run, read from its top-level fields.
 */
export function readTrainingSummary(bundleDir: string): TrainingSummary | null {
  const file = join(bundleDir, 'train-result.json');
  if (!existsSync(file)) return null;
  const result = JSON.parse(readFileSync(file, 'utf8')) as Partial<TrainResult>;
  return {
    model: result.model ?? {
      type: 'mlp',
      backend: result.backend ?? 'unknown',
      backendFallback: result.backendFallback ?? null,
      epochsRun: result.epochsRun ?? 0,
      bestEpoch: result.bestEpoch ?? 0,
      stoppedEarly: result.stoppedEarly ?? false,
      history: result.history ?? [],
    },
    trainRows: result.split?.train ?? 0,
    trainSeconds: result.timings?.trainSeconds ?? 0,
    selection: result.selection ?? null,
  };
}
