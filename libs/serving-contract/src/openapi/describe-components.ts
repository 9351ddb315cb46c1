import { ErrorBody, StatusBody } from '../schemas/common-schemas.js';
import { FeedbackRequest, FeedbackResponse } from '../schemas/feedback-schemas.js';
import { describePredictRequest, Prediction, PredictResponse } from '../schemas/predict-schemas.js';
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
 * The component schemas of the document, generated from the contract's schemas. `instance` is
 * the model-specific part: one /predict instance as the loaded bundle's input schema has it.
 */
export function describeComponents(instance: JsonSchema): Record<string, JsonSchema> {
  return {
    Error: ErrorBody,
    [INSTANCE_COMPONENT]: instance,
    PredictRequest: describePredictRequest(ref(INSTANCE_COMPONENT) as never),
    Prediction,
    PredictResponse,
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
