import type { AcceptanceCheck, AcceptanceLimits } from './check-acceptance.js';
import { checkAcceptance } from './check-acceptance.js';
import { predictOffline, toInstance } from './predict-offline.js';
import { AcceptanceError } from './acceptance-error.js';
import type { AcceptedBundle } from './read-accepted-bundle.js';
import { readAcceptedBundle } from './read-accepted-bundle.js';
import type { Holdout } from './read-holdout.js';
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
  checkSameClasses(bundle, holdout, options.holdoutDir);
  const offline = await predictOffline(bundle, instances);
  const live = await replayHoldout(options.url, instances, options.batchSize, bundle);
  const width = offline.width;
  return checkAcceptance(
    {
      task: bundle.task,
      classes: bundle.classes,
      labels: Array.from({ length: count }, (_, i) => holdout.labels[i] ?? 0),
      offline: offline.values.subarray(0, count * width),
      live: live.values,
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

// --- internal ---

// The holdout's labels index the classes it was written with: they must be the bundle's.
function checkSameClasses(bundle: AcceptedBundle, holdout: Holdout, dir: string): void {
  const same = bundle.task === holdout.task && (holdout.classes === null || holdout.classes.join('\u0000') === bundle.classes.join('\u0000'));
  if (same) return;
  throw new AcceptanceError(
    'E_ACCEPT_HOLDOUT',
    `${dir} holds a ${holdout.task} holdout${holdout.classes ? ` of classes ${holdout.classes.join(', ')}` : ''}, but the bundle is a ${bundle.task} model${bundle.classes.length > 0 ? ` of classes ${bundle.classes.join(', ')}` : ''}; pass the --holdout that \`modelship train\` wrote with this bundle.`,
  );
}
