import './register-formats.js';
import type { Static, TSchema } from '@sinclair/typebox';
import { Type } from '@sinclair/typebox';

/**
 * One /predict instance: raw feature values by column name. Which columns, types and ranges is
 * the loaded model's business: the served document fills it in from the bundle's input schema.
 */
export const PredictInstance = Type.Object(
  // `instances` names the batch form, never a feature.
  { instances: Type.Optional(Type.Never()) },
  {
    additionalProperties: true,
    description: 'Raw feature values by column name, as in the input schema.',
  },
);
export type PredictInstance = Static<typeof PredictInstance>;

/** The /predict body over a given instance schema: one instance, or `{"instances": [...]}`. */
export function describePredictRequest<T extends TSchema>(instance: T) {
  return Type.Union([
    instance,
    Type.Object(
      { instances: Type.Array(instance, { minItems: 1 }) },
      { additionalProperties: false },
    ),
  ]);
}

/** `POST /predict` body. */
export const PredictRequest = describePredictRequest(PredictInstance);
export type PredictRequest = Static<typeof PredictRequest>;

const ModelFields = {
  model: Type.String(),
  version: Type.String(),
  variant: Type.String(),
};

/** One scored instance. */
export const Prediction = Type.Object({
  predictionId: Type.String({ format: 'uuid' }),
  label: Type.Union([Type.Literal(0), Type.Literal(1)]),
  probability: Type.Number({ minimum: 0, maximum: 1 }),
});
export type Prediction = Static<typeof Prediction>;

/** `POST /predict` answer: the prediction beside the model, or `predictions` for a batch. */
export const PredictResponse = Type.Union([
  Type.Object({ ...ModelFields, ...Prediction.properties }),
  Type.Object({ ...ModelFields, predictions: Type.Array(Prediction) }),
]);
export type PredictResponse = Static<typeof PredictResponse>;
