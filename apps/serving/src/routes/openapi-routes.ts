import { buildOpenApiDocument } from '@modelship/serving-contract';
import { describeInstanceSchema } from '../input/describe-instance-schema.js';
import type { RouteGroup } from './route.js';

/**
 * `GET /openapi.json`: the contract's document, with the loaded model's features in /predict
 * and its task's answer (its classes, or a value).
 */
export const openapiRoutes: RouteGroup = (ctx) => [
  {
    method: 'get',
    path: '/openapi.json',
    handler: (_req, res) => {
      const model = ctx.slots.stable;
      res.json(buildOpenApiDocument(describeInstanceSchema(model?.inputSchema), model));
    },
  },
];
