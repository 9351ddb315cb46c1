import type { RequestHandler } from 'express';
import type { ServingContext } from '../serving-context.js';

/** One HTTP endpoint: registered by create-app, documented in /openapi.json (tested). */
export interface Route {
  method: 'get' | 'post' | 'delete';
  /** Express path template, e.g. `/v2/models/:model/infer`. */
  path: string;
  /** Read a JSON body (content type, size limit, parse) before the handler. */
  json?: boolean;
  /**
   * A prediction route every request of a busy service takes: answered without Express's
   * router (serveHotRoutes), with the same middleware and handler.
   */
  hot?: boolean;
  handler: RequestHandler;
}

/** A file's worth of related routes, built over the shared context. */
export type RouteGroup = (ctx: ServingContext) => Route[];
