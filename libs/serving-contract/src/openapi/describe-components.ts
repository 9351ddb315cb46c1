import { ErrorBody, StatusBody } from '../schemas/common-schemas.js';
import { FeedbackRequest, FeedbackResponse } from '../schemas/feedback-schemas.js';
import type { ServedOutput } from '../schemas/predict-schemas.js';
import {
  describePrediction,
  describePredictRequest,
  describePredictResponse,
  Prediction,
  PredictResponse,
} from '../schemas/predict-schemas.js';
import { ReloadResult, RolloutStartRequest, RolloutStatus } from '../schemas/rollout-schemas.js';
import {
  V2InferRequest,
  V2InferResponse,
  V2ModelMetadata,
  V2Tensor,
} from '../schemas/v2-schemas.js';
import { INSTANCE_COMPONENT } from '../serving-names.js';
import { ref } from './openapi-helpers.js';

/** A JSON Schema as plain JSON. */
export type JsonSchema = Record<string, unknown>;

/**
 * The component schemas of the document, generated from the contract's schemas. `instance` and
 * `output` are the model-specific parts: one /predict instance as the loaded bundle's input
 * schema has it, and the answer its task gives (its classes, or a value); without an output,
 * every task's answer.
 */
export function describeComponents(
  instance: JsonSchema,
  output?: ServedOutput,
): Record<string, JsonSchema> {
  const prediction = output ? describePrediction(output) : Prediction;
  return {
    Error: ErrorBody,
    [INSTANCE_COMPONENT]: instance,
    PredictRequest: describePredictRequest(ref(INSTANCE_COMPONENT) as never),
    Prediction: prediction,
    PredictResponse: output ? describePredictResponse(describePrediction(output)) : PredictResponse,
    Tensor: V2Tensor,
    InferRequest: V2InferRequest,
    InferResponse: V2InferResponse,
    ModelMetadata: V2ModelMetadata,
    FeedbackRequest,
    FeedbackResponse,
    RolloutStatus,
    RolloutStartRequest,
    ReloadResult,
    Status: StatusBody,
  };
}
