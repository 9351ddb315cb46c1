import type { ServingContext } from '../serving-context.js';

/**
 * Starts the rollout ROLLOUT_STRATEGY configures, once the stable version is loaded. A
 * candidate that does not exist or cannot start is logged; the stable version keeps serving.
 */
export async function startConfiguredRollout(ctx: ServingContext): Promise<void> {
  const request = ctx.config.rollout;
  if (!request || !ctx.slots.stable) return;
  try {
    // Every serving process reads the same ROLLOUT_* and starts it itself (cluster mode).
    const status = await ctx.rollouts.start(request, 'config');
    ctx.logger.info(
      { rollout: { strategy: status.strategy, candidate: status.candidate } },
      `rollout from config: ${status.strategy} of v${status.candidate?.version}`,
    );
  } catch (error) {
    ctx.logger.error(
      { err: error },
      `rollout from config not started: ${(error as Error).message}`,
    );
  }
}
