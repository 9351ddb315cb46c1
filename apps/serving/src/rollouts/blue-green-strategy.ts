import { readNumberField } from './rollout-fields.js';
import type { RolloutStrategy } from './rollout-types.js';

/**
 * Blue/green: once the candidate is loaded and warmed, all traffic switches to it; the previous
 * version stays loaded for `rollbackWindowMs` so a rollback switches back at once, then it is
 * closed and the switch is final.
 */
export const blueGreenStrategy: RolloutStrategy = {
  candidateVariant: 'green',
  runningState: 'switched',
  readOptions: (body) => ({
    rollbackWindowMs: readNumberField(body, 'rollbackWindowMs', 300_000, { integer: true }),
  }),
  begin: (host, options) => {
    host.switchToCandidate();
    // In cluster mode the deciding process ends the window for every process.
    const timer = host.decides
      ? setTimeout(
          () => void host.finish('switched', 'rollback window passed; previous version closed'),
          options['rollbackWindowMs'] as number,
        )
      : null;
    timer?.unref();
    return {
      weights: () => ({ stable: 1 }),
      step: () => null,
      route: () => undefined,
      stop: () => {
        if (timer) clearTimeout(timer);
      },
    };
  },
};
