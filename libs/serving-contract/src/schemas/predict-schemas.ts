import './register-formats.js';
import type { Static, TObject, TSchema } from '@sinclair/typebox';
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

/** What a served model predicts, as its bundle says: the task and, to classify, the classes. */
export interface ServedOutput {
  task: 'binary' | 'multiclass' | 'regression';
  /** Class texts in the model's output order (binary `[negative, positive]`); regression `[]`. */
  classes: readonly string[];
}

const Probability = Type.Number({ minimum: 0, maximum: 1 });

const PredictionFields = {
  predictionId: Type.String({
    format: 'uuid',
    description: 'Names this prediction when its true label is sent to POST /feedback.',
  }),
  id: Type.Optional(
    Type.Record(
      Type.String(),
      Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]),
      {
        description:
          "The instance's values of the columns the input schema marks `id`, as sent; absent when it sent none.",
      },
    ),
  ),
};

/**
 * One classified instance (binary or multiclass): the predicted class's text, its probability
 * (binary: always the positive class's, which the label is when it reaches the threshold), and
 * every class's probability by class text.
 */
export const ClassPrediction = Type.Object(
  {
    ...PredictionFields,
    label: Type.String({ description: 'The predicted class, as the training data writes it.' }),
    probability: Probability,
    probabilities: Type.Record(Type.String(), Probability),
  },
  { additionalProperties: false },
);
export type ClassPrediction = Static<typeof ClassPrediction>;

/** One regression instance: the predicted value in the target's own units. */
export const RegressionPrediction = Type.Object(
  { ...PredictionFields, value: Type.Number({ description: "In the target's own units." }) },
  { additionalProperties: false },
);
export type RegressionPrediction = Static<typeof RegressionPrediction>;

/** One scored instance: a classification or a regression answer, by the model's task. */
export const Prediction = Type.Union([ClassPrediction, RegressionPrediction]);
export type Prediction = Static<typeof Prediction>;

/**
 * One scored instance of a given model: its classes as the label's values and the keys of
 * `probabilities`, or a value for regression. What the served document says of the loaded model.
 */
export function describePrediction(output: ServedOutput): TObject {
  if (output.task === 'regression') return RegressionPrediction;
  const classes = output.classes.map((name) => Type.Literal(name));
  return Type.Object(
    {
      ...ClassPrediction.properties,
      label: Type.Union(classes, { description: 'The predicted class.' }),
      probabilities: Type.Object(
        Object.fromEntries(output.classes.map((name) => [name, Probability])),
        { additionalProperties: false },
      ),
    },
    { additionalProperties: false },
  );
}

/** The /predict answer over a given prediction schema: one beside the model, or a batch. */
export function describePredictResponse(prediction: TObject) {
  return Type.Union([
    Type.Object({ ...ModelFields, ...prediction.properties }, { additionalProperties: false }),
    Type.Object(
      { ...ModelFields, predictions: Type.Array(prediction) },
      { additionalProperties: false },
    ),
  ]);
}

/** `POST /predict` answer: the prediction beside the model, or `predictions` for a batch. */
export const PredictResponse = Type.Union([
  Type.Object({ ...ModelFields, ...ClassPrediction.properties }, { additionalProperties: false }),
  Type.Object(
    { ...ModelFields, ...RegressionPrediction.properties },
    { additionalProperties: false },
  ),
  Type.Object(
    { ...ModelFields, predictions: Type.Array(Prediction) },
    { additionalProperties: false },
  ),
]);
export type PredictResponse = Static<typeof PredictResponse>;
