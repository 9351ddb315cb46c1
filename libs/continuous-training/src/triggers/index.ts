import type { CtTrigger } from './ct-trigger.js';
import { driftTrigger } from './drift-trigger.js';
import { liveQualityTrigger } from './live-quality-trigger.js';
import { newRowsTrigger } from './new-rows-trigger.js';
import { scheduleTrigger } from './schedule-trigger.js';

/** Every retraining trigger, in table order. Adding one takes a file and a line. */
export const ctTriggers: readonly CtTrigger[] = [
  driftTrigger,
  liveQualityTrigger,
  newRowsTrigger,
  scheduleTrigger,
];

export type { CtTrigger, LiveQuality, TriggerInputs, TriggerResult } from './ct-trigger.js';
