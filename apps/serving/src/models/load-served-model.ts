import type { ServingContext } from '../serving-context.js';
import type { ModelVersion } from './model-version.js';
import { recordModelInfo } from './record-model-info.js';
import { resolveBundleDir } from './resolve-bundle-dir.js';

/**
 * Loads the configured model into the `stable` slot. A bundle that cannot be fetched, fails
 * verification or does not load is refused: logged with its reason, counted in
 * `modelship_model_load_total{result="failed"}`, and whatever was serving keeps serving.
 */
export function loadServedModel(ctx: ServingContext): Promise<ModelVersion | null> {
  // Tracked whole, fetch to slot: shutdown waits for it before it closes the slots.
  return ctx.loader.track(loadIntoStableSlot(ctx));
}

// --- internal ---

async function loadIntoStableSlot(ctx: ServingContext): Promise<ModelVersion | null> {
  const { config, slots, metrics, logger } = ctx;
  try {
    const bundle = await resolveBundleDir(config.model, config.cacheDir, ctx.registry);
    const model = await ctx.loader.loadDir(bundle.dir, { variant: 'stable', stage: bundle.stage });
    const previous = slots.set(model);
    metrics.modelLoads.inc({ result: 'success' });
    recordModelInfo(metrics, slots);
    ctx.status.loadError = null;
    logger.info(
      {
        model: model.key,
        stage: model.stage,
        origin: bundle.origin,
        workers: config.workers,
        inline: model.inline,
      },
      `model ${model.key.name} v${model.key.version} verified and loaded`,
    );
    if (previous && previous !== model) {
      await previous.close();
    }
    return model;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const reason = (error as Error).message;
    metrics.modelLoads.inc({ result: 'failed' });
    ctx.status.loadError = reason;
    logger.error(
      { code: typeof code === 'string' ? code : 'E_UNEXPECTED', err: error },
      `model refused: ${reason}`,
    );
    return null;
  }
}
