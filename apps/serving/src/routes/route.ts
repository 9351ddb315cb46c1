import type { RequestHandler } from 'express';
import type { RoutedRequest } from '../models/model-slots.js';
import type { ModelVersion } from '../models/model-version.js';
import { setModelHeaders } from '../models/predict-rows.js';
import type { ServingContext } from '../serving-context.js';

/** One HTTP endpoint: registered by create-app, documented in /openapi.json (tested). */
export interface Route {
  method: 'get' | 'post' | 'delete';
  /** Express path template, e.g. `/v2/models/:model/infer`. */
  path: string;
  /** Read a JSON body (content type, size limit, parse) before the handler. */
  json?: boolean;
  /**
   * A prediction route every request of a busy service takes: its answer, which the lean lane
   * (serveHotRoutes) serves without Express and `handler` serves through it, the same either way.
   */
  hot?: AnswerPrediction;
  handler: RequestHandler;
}

/** What a prediction route reads of its request: Express's request is one, the lean lane's another. */
export interface HotRequest extends RoutedRequest {
  /** The parsed JSON body. */
  readonly body: unknown;
  /** The path's `:name` segments. */
  readonly params: Record<string, string>;
  /** The request id (`X-Request-Id`). */
  readonly id: string;
}

/** A prediction's answer: the JSON body, the model that answered, what to do once it is sent. */
export interface HotAnswer {
  body: unknown;
  model: ModelVersion;
  afterAnswer(): void;
}

export type AnswerPrediction = (req: HotRequest) => Promise<HotAnswer>;

/** A prediction route: answered by the lean lane, or by Express with the same answer. */
export function hotRoute(path: string, answer: AnswerPrediction): Route {
  return {
    method: 'post',
    path,
    json: true,
    hot: answer,
    handler: async (req, res) => {
      const answered = await answer(req as HotRequest);
      setModelHeaders(res, answered.model);
      res.json(answered.body);
      answered.afterAnswer();
    },
  };
}

/** A file's worth of related routes, built over the shared context. */
export type RouteGroup = (ctx: ServingContext) => Route[];
