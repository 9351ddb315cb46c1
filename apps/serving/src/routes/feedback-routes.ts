import { BadRequestError, ConflictError, NotFoundError } from '../http/serving-error.js';
import { readFeedbackBody } from '../monitoring/read-feedback-body.js';
import { receiveFeedbackAnywhere } from '../monitoring/receive-feedback-anywhere.js';
import type { FeedbackOutcome } from '../monitoring/serving-monitor.js';
import type { RouteGroup } from './route.js';

/**
 * `POST /feedback`: true labels for earlier predictions, joined with the prediction log and
 * judged against the classes of the version that predicted; and `GET /feedback/summary`: the
 * task's live metrics per model version and variant.
 */
export const feedbackRoutes: RouteGroup = (ctx) => [
  {
    method: 'post',
    path: '/feedback',
    json: true,
    handler: async (req, res) => {
      const { items, batch } = readFeedbackBody(req.body, ctx.config.maxInstances);
      const outcomes = await receiveFeedbackAnywhere(ctx.monitor, ctx.peers, items);
      if (batch) {
        res.json({ results: outcomes, counts: countResults(outcomes) });
        return;
      }
      const [outcome] = outcomes;
      if (outcome.result === 'unknown_prediction') {
        throw new NotFoundError(
          `No prediction with predictionId ${JSON.stringify(outcome.predictionId)}: it was never answered here, or it left the prediction log (PREDICTION_LOG_SIZE ${ctx.monitor.predictions.capacity}, PREDICTION_LOG_TTL_MS ${ctx.monitor.predictions.ttlMs ?? 'unset'}).`,
        );
      }
      if (outcome.result === 'invalid' && outcome.field === 'label') {
        throw new BadRequestError(outcome.error ?? 'label: not a label', 'E_FEEDBACK_LABEL');
      }
      if (outcome.result === 'invalid') {
        throw new ConflictError(
          `The prediction ${JSON.stringify(outcome.predictionId)} cannot take a label: ${outcome.error ?? 'it cannot be recorded'}.`,
          'E_FEEDBACK_UNRECORDABLE',
        );
      }
      res.json(outcome);
    },
  },
  {
    method: 'get',
    path: '/feedback/summary',
    handler: (_req, res) => {
      const { predictions, performance, store } = ctx.monitor;
      res.json({
        window: performance.window,
        predictionLog: {
          size: predictions.size,
          capacity: predictions.capacity,
          ttlMs: predictions.ttlMs,
          bytes: predictions.bytes,
          maxBytes: predictions.maxBytes,
        },
        store: store.location,
        models: performance.summarise(),
      });
    },
  },
];

// --- internal ---

function countResults(outcomes: FeedbackOutcome[]): Record<FeedbackOutcome['result'], number> {
  const counts = { joined: 0, duplicate: 0, unknown_prediction: 0, invalid: 0 };
  for (const outcome of outcomes) counts[outcome.result] += 1;
  return counts;
}
