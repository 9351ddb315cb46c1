import type { Response } from 'express';
import { ModelOutputError } from '../http/serving-error.js';
import { transformInstances } from '../input/transform-instances.js';
import { prepareShadow } from '../rollouts/mirror-to-shadow.js';
import type { ServingContext } from '../serving-context.js';
import type { ModelVersion } from './model-version.js';
import type { Scores } from './predict-matrix.js';
import { predictMatrix } from './predict-matrix.js';

/** What a prediction route read from its body: raw instances, or a ready feature matrix. */
export type PredictionRows =
  | { kind: 'instances'; instances: readonly unknown[]; describe: (row: number) => string }
  | { kind: 'tensor'; data: Float32Array; rows: number };

/** The scored rows, their prediction ids, and what to do once the answer is sent. */
export interface ServedPrediction {
  scores: Scores;
  predictionIds: string[];
  rows: number;
  /** Mirrors the request to a shadow candidate, if one runs: call after answering. */
  afterAnswer(): void;
}

/**
 * The one prediction path of `/predict` and V2 infer: transform raw instances with the model's
 * feature spec, decide whether a shadow candidate gets a copy, score on the model's workers,
 * and record each row in the prediction log (ids, feedback, drift). An output that is no
 * probability or no finite value is logged as a warning and fails the request (422).
 */
export async function predictRows(
  ctx: ServingContext,
  model: ModelVersion,
  input: PredictionRows,
): Promise<ServedPrediction> {
  const instances = input.kind === 'instances' ? input.instances : null;
  const matrix =
    input.kind === 'tensor'
      ? input
      : transformInstances(model, input.instances, {
          unknownCategories: ctx.config.unknownCategories,
          metrics: ctx.metrics,
          describe: input.describe,
          maxStringLength: ctx.config.limits.maxStringLength,
        });
  const shadow = prepareShadow(ctx, model, matrix, instances ?? undefined);
  const scores = await predictMatrix(model, matrix.data, matrix.rows, ctx.metrics).catch(
    (error: unknown) => {
      if (error instanceof ModelOutputError) {
        const { name, version } = model.key;
        ctx.logger.warn({ code: error.code, model: name, version }, error.message);
      }
      throw error;
    },
  );
  const predictionIds = ctx.monitor.recordPredictions(model, instances, scores);
  return {
    scores,
    predictionIds,
    rows: matrix.rows,
    afterAnswer: () => shadow?.(scores),
  };
}

/** Which model version answered, on every prediction response. */
export function setModelHeaders(res: Response, model: ModelVersion): void {
  res.setHeader('X-Model-Name', model.key.name);
  res.setHeader('X-Model-Version', model.key.version);
  res.setHeader('X-Model-Variant', model.key.variant);
}
