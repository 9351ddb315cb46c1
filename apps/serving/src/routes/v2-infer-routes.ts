import { readV2Batch } from '../input/read-v2-batch.js';
import { readV2Request } from '../input/read-v2-inputs.js';
import { compileInstanceRules } from '../input/instance-rules.js';
import { transformInstances } from '../input/transform-instances.js';
import { predictMatrix } from '../models/predict-matrix.js';
import { prepareShadow } from '../rollouts/mirror-to-shadow.js';
import { findV2Model } from './find-v2-model.js';
import { setModelHeaders } from './predict-routes.js';
import type { RouteGroup } from './route.js';

/** Open Inference Protocol (V2) inference, on the routed model or a pinned version. */
export const v2InferRoutes: RouteGroup = (ctx) =>
  ['/v2/models/:model/infer', '/v2/models/:model/versions/:version/infer'].map((path) => ({
    method: 'post' as const,
    path,
    json: true,
    handler: async (req, res) => {
      const model = findV2Model(ctx, req);
      const request = readV2Request(req.body);
      const rawColumns = compileInstanceRules(model.featureSpec, model.inputSchema).allowed;
      const batch = readV2Batch(
        request.inputs,
        { inputName: model.inputName, width: model.width, rawColumns },
        ctx.config.maxInstances,
      );
      const matrix =
        batch.kind === 'tensor'
          ? batch
          : transformInstances(model, batch.instances, {
              unknownCategories: ctx.config.unknownCategories,
              metrics: ctx.metrics,
              describe: (row) => `row ${row}`,
            });
      const shadow = prepareShadow(
        ctx,
        model,
        matrix,
        batch.kind === 'tensor' ? undefined : batch.instances,
      );
      const scores = await predictMatrix(model, matrix.data, matrix.rows, ctx.metrics);
      const ids = ctx.monitor.recordPredictions(
        model,
        batch.kind === 'tensor' ? null : batch.instances,
        scores,
      );
      const shape = [matrix.rows, 1];
      const outputs = [
        { name: 'probability', datatype: 'FP32', shape, data: Array.from(scores.probabilities) },
        { name: 'label', datatype: 'INT32', shape, data: Array.from(scores.labels) },
      ].filter((output) => request.outputs?.includes(output.name) ?? true);
      setModelHeaders(res, model);
      res.json({
        model_name: model.key.name,
        model_version: model.key.version,
        id: request.id ?? req.id,
        parameters: { variant: model.key.variant, prediction_ids: ids },
        outputs,
      });
      shadow?.(scores.labels);
    },
  }));
