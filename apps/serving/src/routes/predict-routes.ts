import type { PredictResponse } from '@modelship/serving-contract';
import { readPredictInstances } from '../input/read-predict-instances.js';
import { predictRows } from '../models/predict-rows.js';
import { selectModel } from '../models/select-model.js';
import { hotRoute, type RouteGroup } from './route.js';
import { toPredictions } from './to-predictions.js';

/**
 * `POST /predict`: raw features in (id and ignored columns accepted), the answer in the user's
 * terms out (class text and probabilities, or a value), with the model that answered.
 */
export const predictRoutes: RouteGroup = (ctx) => [
  hotRoute('/predict', async (req) => {
    const model = selectModel(ctx.slots, req);
    const { instances, batch, describe } = readPredictInstances(req.body, ctx.config.maxInstances);
    const served = await predictRows(ctx, model, { kind: 'instances', instances, describe });
    const predictions = toPredictions(model, served, instances);
    const { name, version, variant } = model.key;
    const body: PredictResponse = batch
      ? { model: name, version, variant, predictions }
      : { model: name, version, variant, ...predictions[0] };
    return { body, model, afterAnswer: served.afterAnswer };
  }),
];
