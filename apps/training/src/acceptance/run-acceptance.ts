import type { AcceptanceCheck, AcceptanceLimits } from './check-acceptance.js';
import { checkAcceptance } from './check-acceptance.js';
import { predictOffline, toInstance } from './predict-offline.js';
import { readAcceptedBundle } from './read-accepted-bundle.js';
import { readHoldout } from './read-holdout.js';
import { replayHoldout } from './replay-holdout.js';

/** What to check, against what, and how strictly. */
export interface AcceptanceOptions extends AcceptanceLimits {
  /** Base URL of the live service (its /predict answers). */
  url: string;
  bundleDir: string;
  /** The evaluation-inputs folder holding the labelled holdout. */
  holdoutDir: string;
  /** The version the service must report; default the bundle's (`unregistered` before `register`). */
  expectedVersion?: string;
  /** Instances per /predict request. */
  batchSize: number;
  /** Replay only the first rows of the holdout (metrics are then not compared). */
  maxRows?: number;
}

/**
 * Replays the bundle's labelled holdout through the live service and compares every answer,
 * the metrics recomputed from them, the model that answered and the latency with the bundle.
 */
export async function runAcceptance(options: AcceptanceOptions): Promise<AcceptanceCheck[]> {
  const bundle = await readAcceptedBundle(options.bundleDir);
  const holdout = readHoldout(options.holdoutDir);
  const count = Math.min(holdout.rows.length, options.maxRows ?? Infinity);
  const sampled = count < holdout.rows.length;
  const instances = holdout.rows
    .slice(0, count)
    .map((row) => toInstance(row, bundle.instanceColumns));
  const offline = await predictOffline(bundle, instances);
  // Bundles from before class vocabularies answer the texts 0 and 1, as serving does.
  const classes = bundle.metadata.target.classes ?? ['0', '1'];
  const live = await replayHoldout(options.url, instances, options.batchSize, classes);
  return checkAcceptance(
    {
      labels: holdout.labels.subarray(0, count),
      offline,
      live: live.probabilities,
      liveLabels: live.labels,
      threshold: bundle.threshold,
      metrics: sampled ? null : bundle.metrics,
      expected: {
        model: bundle.metadata.name,
        version: options.expectedVersion ?? String(bundle.metadata.version ?? 'unregistered'),
      },
      served: { models: live.models, versions: live.versions },
      latenciesMs: live.latenciesMs,
    },
    options,
  );
}
