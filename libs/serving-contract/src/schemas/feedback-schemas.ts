import type { Static } from '@sinclair/typebox';
import { Type } from '@sinclair/typebox';

/**
 * A true label for an earlier prediction, in the user's form for the model's task, judged
 * against the classes of the version that predicted: binary a class text or 0/1 (false/true;
 * 1 = the positive class); multiclass a class text (or the number of an integer class, 3 for
 * "3"); regression a finite number (or a text holding one).
 */
export const FeedbackItem = Type.Object(
  {
    predictionId: Type.String({ minLength: 1, maxLength: 128 }),
    label: Type.Union([
      Type.String({ minLength: 1, maxLength: 256, examples: ['urgent'] }),
      Type.Number({ examples: [1, 204.5] }),
      Type.Boolean(),
    ]),
  },
  { additionalProperties: false },
);
export type FeedbackItem = Static<typeof FeedbackItem>;

/** `POST /feedback` body: one item, or `{"feedback": [...]}`. */
export const FeedbackRequest = Type.Union([
  FeedbackItem,
  Type.Object(
    { feedback: Type.Array(FeedbackItem, { minItems: 1 }) },
    { additionalProperties: false },
  ),
]);
export type FeedbackRequest = Static<typeof FeedbackRequest>;

/**
 * What became of one feedback item. `invalid`: a batch item with a bad field (or whose
 * prediction cannot be recorded), answered on its own with `error`; the other items still count.
 */
export const FeedbackResult = Type.Union([
  Type.Literal('joined'),
  Type.Literal('duplicate'),
  Type.Literal('unknown_prediction'),
  Type.Literal('invalid'),
]);
export type FeedbackResult = Static<typeof FeedbackResult>;

/** One item's outcome, with the model version that answered the prediction. */
export const FeedbackOutcome = Type.Object({
  predictionId: Type.String(),
  result: FeedbackResult,
  model: Type.Optional(Type.String()),
  version: Type.Optional(Type.String()),
  variant: Type.Optional(Type.String()),
  /** Why an `invalid` item was not counted, naming the field. */
  error: Type.Optional(Type.String()),
  /**
   * `label` when an `invalid` item's label is not one the predicting version takes (an unknown
   * class, a non-numeric regression value).
   */
  field: Type.Optional(Type.String()),
});
export type FeedbackOutcome = Static<typeof FeedbackOutcome>;

/** `POST /feedback` answer: one outcome, or each outcome with counts per result. */
export const FeedbackResponse = Type.Union([
  FeedbackOutcome,
  Type.Object({
    results: Type.Array(FeedbackOutcome),
    counts: Type.Record(Type.String(), Type.Integer()),
  }),
]);
export type FeedbackResponse = Static<typeof FeedbackResponse>;
