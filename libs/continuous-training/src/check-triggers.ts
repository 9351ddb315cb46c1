import { openRegistry, selectRegistryUrl } from '@modelship/model-registry';
import { SERVING_PATHS } from '@modelship/serving-contract';
import { readTask, resolveFromRoot } from '@modelship/params';
import type { CtContext } from './ct-context.js';
import { parseCtParams } from './ct-params.js';
import { readCtState, readWatermark } from './ct-state.js';
import { findProductionVersion, readCurrentDataMd5 } from './current-data.js';
import { afterWatermark, openFeedback, summarizeFeedback } from './feedback-since.js';
import { readMetricsSnapshot, type MetricsSourceOptions } from './metrics-snapshot.js';
import { ctTriggers, type TriggerInputs, type TriggerResult } from './triggers/index.js';

export interface CheckTriggersOptions extends MetricsSourceOptions {
  now?: Date;
}

/** What `modelship ct-check` decided, and from what. */
export interface TriggerCheck {
  retrain: boolean;
  results: TriggerResult[];
  /** Names of the triggers that fired, in table order. */
  fired: string[];
  inputs: Omit<TriggerInputs, 'metrics'> & { metricsSource: string | null };
  dataMd5: string | null;
  watermark: string | null;
}

/**
 * Evaluates every retraining trigger of params.yaml's `ct:` section against the service's
 * metrics (when given), the feedback store (rows since the data version's watermark) and the
 * registry (the production version's age). Throws only when a source cannot be read.
 */
export async function checkTriggers(
  ctx: CtContext,
  options: CheckTriggersOptions = {},
): Promise<TriggerCheck> {
  const ct = parseCtParams(ctx.params as unknown as Record<string, unknown>);
  const model = ctx.params.model.name;
  const task = readTask(ctx.params);
  const metrics = await readMetricsSnapshot(options);
  const registry = await openRegistry(selectRegistryUrl(ctx.params.registry?.url), {
    root: ctx.root,
  });
  const production = await findProductionVersion(registry, model);
  const dataMd5 = await readCurrentDataMd5(ctx);
  const state = readCtState(resolveFromRoot(ctx.root, ct.stateFile));
  const watermark = dataMd5 ? readWatermark(state, dataMd5) : null;
  const store = openFeedback(ct.feedbackStore, ctx.root, ctx.log);
  const feedback = await summarizeFeedback(
    store.read(model, afterWatermark(watermark)),
    production?.version ?? null,
    task,
  );
  const inputs: TriggerInputs = {
    model,
    task,
    now: options.now ?? new Date(),
    metrics,
    production: production && {
      version: production.version,
      registeredAt: production.registeredAt,
    },
    newLabelledRows: feedback.rows,
    liveFromFeedback: feedback.live,
  };
  const results = ctTriggers.flatMap((trigger) => trigger.evaluate(inputs, ct));
  const fired = results.filter((result) => result.fired).map((result) => result.trigger);
  const { metrics: _omit, ...rest } = inputs;
  return {
    retrain: fired.length > 0,
    results,
    fired,
    inputs: {
      ...rest,
      metricsSource:
        options.metricsFile ??
        (options.serviceUrl ? `${options.serviceUrl}${SERVING_PATHS.metrics}` : null),
    },
    dataMd5,
    watermark: watermark?.toISOString() ?? null,
  };
}
