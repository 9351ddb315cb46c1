import type { Static } from '@sinclair/typebox';
import { Type } from '@sinclair/typebox';
import { V2_OUTPUT_NAMES } from '../serving-names.js';

/** One named tensor of the Open Inference Protocol (V2). */
export const V2Tensor = Type.Object({
  name: Type.String({ minLength: 1 }),
  shape: Type.Array(Type.Integer({ minimum: 0 }), { minItems: 1 }),
  datatype: Type.String(),
  data: Type.Array(Type.Unknown()),
});
export type V2Tensor = Static<typeof V2Tensor>;

/** The outputs a V2 infer request may ask for by name (those of the model's task: V2_TASK_OUTPUTS). */
export const V2OutputName = Type.Union(V2_OUTPUT_NAMES.map((name) => Type.Literal(name)));
export type V2OutputName = Static<typeof V2OutputName>;

/** `POST /v2/models/{model}[/versions/{version}]/infer` body. */
export const V2InferRequest = Type.Object({
  id: Type.Optional(Type.String()),
  inputs: Type.Array(V2Tensor, { minItems: 1 }),
  outputs: Type.Optional(Type.Array(Type.Object({ name: V2OutputName }))),
});
export type V2InferRequest = Static<typeof V2InferRequest>;

/**
 * V2 infer answer, by the model's task: binary `probability` FP32 [N] and `label` BYTES [N];
 * multiclass `probabilities` FP32 [N, K] and `label` BYTES [N]; regression `value` FP32 [N].
 */
export const V2InferResponse = Type.Object({
  model_name: Type.String(),
  model_version: Type.String(),
  id: Type.String(),
  parameters: Type.Object({
    variant: Type.String(),
    prediction_ids: Type.Array(Type.String()),
    ids: Type.Optional(
      Type.Record(
        Type.String(),
        Type.Array(Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()])),
        {
          description:
            'Per column the input schema marks `id` and the request sent as an input, its values as sent, row by row (beside prediction_ids); absent when it sent none.',
        },
      ),
    ),
  }),
  outputs: Type.Array(V2Tensor),
});
export type V2InferResponse = Static<typeof V2InferResponse>;

/** `GET /v2/models/{model}[/versions/{version}]` answer. */
export const V2ModelMetadata = Type.Object({
  name: Type.String(),
  versions: Type.Array(Type.String()),
  platform: Type.String(),
  inputs: Type.Array(Type.Unknown()),
  outputs: Type.Array(Type.Unknown()),
  parameters: Type.Optional(Type.Object({}, { additionalProperties: true })),
});
export type V2ModelMetadata = Static<typeof V2ModelMetadata>;
