import type { V2InferResponse } from '@modelship/serving-contract';
import { compileInstanceRules } from '../input/instance-rules.js';
import { readV2Batch } from '../input/read-v2-batch.js';
import { readV2Request } from '../input/read-v2-inputs.js';
import { predictRows } from '../models/predict-rows.js';
import { findV2Model } from './find-v2-model.js';
import { hotRoute, type RouteGroup } from './route.js';
import { listV2Outputs, toV2Outputs } from './v2-outputs.js';

/**
 * Open Inference Protocol (V2) inference, on the routed model or a pinned version: the outputs
 * of the model's task (V2_TASK_OUTPUTS), or those the request names.
 */
export const v2InferRoutes: RouteGroup = (ctx) =>
  ['/v2/models/:model/infer', '/v2/models/:model/versions/:version/infer'].map((path) =>
    hotRoute(path, async (req) => {
      const model = findV2Model(ctx, req);
      const request = readV2Request(req.body, {
        maxRows: ctx.config.maxInstances,
        maxElements: ctx.config.limits.maxTensorElements,
        outputs: listV2Outputs(model),
      });
      const rules = compileInstanceRules(model.featureSpec, model.inputSchema);
      const batch = readV2Batch(
        request.inputs,
        { tensor: model.tensorInput, rawColumns: rules.allowed },
        ctx.config.maxInstances,
      );
      const served = await predictRows(
        ctx,
        model,
        batch.kind === 'tensor'
          ? batch
          : { kind: 'instances', instances: batch.instances, describe: (row) => `row ${row}` },
      );
      const outputs = toV2Outputs(model, served.scores, served.rows, request.outputs);
      // The id columns sent as inputs come back as sent, as /predict echoes them in `id` (their
      // elements were checked against the input's datatype: text, numbers, booleans or null).
      const ids = request.inputs.filter((input) => rules.ids.includes(input.name));
      type Echoed = NonNullable<V2InferResponse['parameters']['ids']>[string];
      const body: V2InferResponse = {
        model_name: model.key.name,
        model_version: model.key.version,
        id: request.id ?? req.id,
        parameters: {
          variant: model.key.variant,
          prediction_ids: served.predictionIds,
          ...(ids.length > 0
            ? { ids: Object.fromEntries(ids.map((input) => [input.name, input.data as Echoed])) }
            : {}),
        },
        outputs,
      };
      return { body, model, afterAnswer: served.afterAnswer };
    }),
  );
