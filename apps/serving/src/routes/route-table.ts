import { adminRoutes } from './admin-routes.js';
import type { ServingContext } from '../serving-context.js';
import { driftRoutes } from './drift-routes.js';
import { feedbackRoutes } from './feedback-routes.js';
import { healthRoutes } from './health-routes.js';
import { metricsRoutes } from './metrics-routes.js';
import { openapiRoutes } from './openapi-routes.js';
import type { Route, RouteGroup } from './route.js';
import { predictRoutes } from './predict-routes.js';
import { v2ServerRoutes } from './v2-server-routes.js';
import { v2InferRoutes } from './v2-infer-routes.js';
import { v2ModelRoutes } from './v2-model-routes.js';

/** Every route group of the service. Adding an endpoint takes a file and a line here. */
export const routeTable: Record<string, RouteGroup> = {
  health: healthRoutes,
  predict: predictRoutes,
  v2Server: v2ServerRoutes,
  v2Models: v2ModelRoutes,
  v2Infer: v2InferRoutes,
  feedback: feedbackRoutes,
  drift: driftRoutes,
  metrics: metricsRoutes,
  openapi: openapiRoutes,
  admin: adminRoutes,
};

/** The routes of every group, in table order. */
export function listRoutes(ctx: ServingContext): Route[] {
  return Object.values(routeTable).flatMap((group) => group(ctx));
}
