import type { Response } from 'express';
import { readPredictInstances } from '../input/read-predict-instances.js';
import { transformInstances } from '../input/transform-instances.js';
import type { ModelVersion } from '../models/model-version.js';
import { predictMatrix } from '../models/predict-matrix.js';
import { prepareShadow } from '../rollouts/mirror-to-shadow.js';
import { selectModel } from '../models/select-model.js';
import type { RouteGroup } from './route.js';

/** `POST /predict`: raw features in, label and probability out, with the model that answered. */
export const predictRoutes: RouteGroup = (ctx) => [
  {
    method: 'post',
    path: '/predict',
    json: true,
    handler: async (req, res) => {
      const model = selectModel(ctx.slots, req);
      const { instances, batch, describe } = readPredictInstances(
        req.body,
        ctx.config.maxInstances,
      );
      const matrix = transformInstances(model, instances, {
        unknownCategories: ctx.config.unknownCategories,
        metrics: ctx.metrics,
        describe,
      });
      const shadow = prepareShadow(ctx, model, matrix, instances);
      const scores = await predictMatrix(model, matrix.data, matrix.rows, ctx.metrics);
      const ids = ctx.monitor.recordPredictions(model, instances, scores);
      const predictions = Array.from(scores.labels, (label, row) => ({
        predictionId: ids[row],
        label,
        probability: scores.probabilities[row],
      }));
      setModelHeaders(res, model);
      const { name, version, variant } = model.key;
      res.json(
        batch
          ? { model: name, version, variant, predictions }
          : { model: name, version, variant, ...predictions[0] },
      );
      shadow?.(scores.labels);
    },
  },
];

/** Which model version answered, on every prediction response. */
export function setModelHeaders(res: Response, model: ModelVersion): void {
  res.setHeader('X-Model-Name', model.key.name);
  res.setHeader('X-Model-Version', model.key.version);
  res.setHeader('X-Model-Variant', model.key.variant);
}
