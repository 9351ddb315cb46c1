import { buildOpenApiDocument } from '../openapi/openapi-document.js';
import type { RouteGroup } from './route.js';

/** `GET /openapi.json`: the API, with the loaded model's features in the /predict schema. */
export const openapiRoutes: RouteGroup = (ctx) => [
  {
    method: 'get',
    path: '/openapi.json',
    handler: (_req, res) => {
      res.json(buildOpenApiDocument(ctx.slots.stable?.inputSchema));
    },
  },
];
