import type { ModelVersion } from '../models/model-version.js';
import { transformInstances } from '../input/transform-instances.js';
import type { Scores } from '../models/predict-matrix.js';
import { predictMatrix } from '../models/predict-matrix.js';
import type { ServingContext } from '../serving-context.js';
import { countDisagreements } from './count-disagreements.js';

/**
 * Shadow rollouts: decides, before the primary scores, whether this request is mirrored to the
 * shadow candidate, and copies its rows (the primary hands its buffer to a worker). Returns the
 * function to call with the primary's scores once the caller has its answer, or undefined. A
 * busy candidate drops the mirror rather than queueing it; its answer never reaches the caller.
 * A candidate with another feature spec gets the raw `instances` transformed its own way.
 * Disagreements are counted per row by `countDisagreements`.
 */
export function prepareShadow(
  ctx: ServingContext,
  primary: ModelVersion,
  matrix: { data: Float32Array; rows: number },
  instances?: readonly unknown[],
): ((primaryScores: Scores) => void) | undefined {
  const shadow = ctx.slots.get('shadow');
  if (!shadow || primary === shadow || !ctx.rollouts.mirrors()) return undefined;
  const labels = { model: shadow.key.name, version: shadow.key.version };
  const { queued, running } = shadow.load;
  if (queued > 0 || running >= shadow.threadIds.length) {
    ctx.metrics.shadowRequests.inc({ ...labels, result: 'dropped' });
    return undefined;
  }
  const rows = matrix.rows;
  const same = sameFeatures(primary, shadow);
  if (!same && !instances) {
    ctx.metrics.shadowRequests.inc({ ...labels, result: 'dropped' });
    return undefined;
  }
  const copy = same ? matrix.data.slice(0, rows * shadow.width) : null;
  return (primaryScores) => {
    const input = async () =>
      copy ??
      transformInstances(shadow, instances ?? [], {
        unknownCategories: 'accept',
        metrics: ctx.metrics,
        describe: (row) => `row ${row}`,
      }).data;
    input()
      .then((data) => predictMatrix(shadow, data, rows, ctx.metrics))
      .then(
        (scores) => {
          const disagreements = countDisagreements(
            { scores: primaryScores, classes: primary.classes },
            { scores, classes: shadow.classes },
            rows,
          );
          ctx.metrics.shadowRequests.inc({ ...labels, result: 'compared' });
          if (disagreements > 0) ctx.metrics.shadowDisagreements.inc(labels, disagreements);
        },
        (error: Error) => {
          ctx.metrics.shadowRequests.inc({ ...labels, result: 'failed' });
          ctx.logger.warn({ model: shadow.key, err: error }, 'shadow inference failed');
        },
      );
  };
}

// --- internal ---

const compared = new WeakMap<ModelVersion, WeakMap<ModelVersion, boolean>>();

// Equal feature specs transform raw values the same way, so the primary's rows can be reused.
function sameFeatures(primary: ModelVersion, shadow: ModelVersion): boolean {
  const known = compared.get(primary)?.get(shadow);
  if (known !== undefined) return known;
  const same = JSON.stringify(primary.featureSpec) === JSON.stringify(shadow.featureSpec);
  if (!compared.has(primary)) compared.set(primary, new WeakMap());
  compared.get(primary)?.set(shadow, same);
  return same;
}
