import { abStrategy } from './ab-strategy.js';
import { blueGreenStrategy } from './blue-green-strategy.js';
import { canaryStrategy } from './canary-strategy.js';
import type { RolloutStrategy, RolloutStrategyName } from './rollout-types.js';
import { shadowStrategy } from './shadow-strategy.js';

/** Every rollout strategy by name: adding one takes a file and a line here. */
export const rolloutStrategies: Record<RolloutStrategyName, RolloutStrategy> = {
  shadow: shadowStrategy,
  canary: canaryStrategy,
  blue_green: blueGreenStrategy,
  ab: abStrategy,
};
