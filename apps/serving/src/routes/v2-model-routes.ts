import { listV2ColumnInputs } from '../input/v2-column-inputs.js';
import type { ModelVersion } from '../models/model-version.js';
import type { ServingContext } from '../serving-context.js';
import { findV2Model } from './find-v2-model.js';
import type { RouteGroup } from './route.js';
import { describeV2Outputs } from './v2-outputs.js';

/** Open Inference Protocol (V2): model metadata and model readiness, with or without a version. */
export const v2ModelRoutes: RouteGroup = (ctx) =>
  ['/v2/models/:model', '/v2/models/:model/versions/:version'].flatMap((base) => [
    {
      method: 'get' as const,
      path: base,
      handler: (req, res) => {
        res.json(describeModel(ctx, findV2Model(ctx, req)));
      },
    },
    {
      method: 'get' as const,
      path: `${base}/ready`,
      handler: (req, res) => {
        const model = findV2Model(ctx, req);
        res.json({ name: model.key.name, version: model.key.version, ready: true });
      },
    },
  ]);

function describeModel(ctx: ServingContext, model: ModelVersion) {
  return {
    name: model.key.name,
    versions: ctx.slots.find(model.key.name).map((loaded) => loaded.key.version),
    platform: 'onnxruntime_onnx',
    // A trained model's graph input; an imported model's inputs are its raw columns.
    inputs: model.imported
      ? listV2ColumnInputs(model.featureSpec)
      : [{ name: model.inputName, datatype: 'FP32', shape: [-1, model.width] }],
    outputs: describeV2Outputs(model),
    parameters: {
      version: model.key.version,
      variant: model.key.variant,
      stage: model.stage,
      task: model.task,
      classes: model.classes,
      // Binary only: the positive class's probability at or above which it is the label.
      ...(model.task === 'binary' ? { threshold: model.threshold } : {}),
      feature_names: model.featureSpec.featureNames,
      // One input per raw feature column, as /predict takes them (every model accepts it).
      raw_inputs: listV2ColumnInputs(model.featureSpec),
      // The one FP32 [N, width] tensor also accepted, if any.
      tensor_input: model.tensorInput,
    },
  };
}
