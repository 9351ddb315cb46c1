import { buildOpenApiDocument } from '@modelship/serving-contract';
import { describeInstanceSchema } from '../input/describe-instance-schema.js';
import type { RouteGroup } from './route.js';

/** `GET /openapi.json`: the contract's document, with the loaded model's features in /predict. */
export const openapiRoutes: RouteGroup = (ctx) => [
  {
    method: 'get',
    path: '/openapi.json',
    handler: (_req, res) => {
      res.json(buildOpenApiDocument(describeInstanceSchema(ctx.slots.stable?.inputSchema)));
    },
  },
];
