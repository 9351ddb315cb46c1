import type { DatasetSchema } from '@modelship/data-validation';
import { adminSecuritySchemes } from './openapi-admin-paths.js';
import { openapiPaths } from './openapi-paths.js';
import { describeComponents, describeInstanceSchema } from './openapi-schemas.js';

/**
 * The OpenAPI 3.1 document of the service. The /predict instance schema comes from the loaded
 * model's input schema, so the document shows the real feature names, types and ranges.
 */
export function buildOpenApiDocument(inputSchema: DatasetSchema | undefined) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'modelship serving',
      version: '0.1.0',
      description:
        'Predictions from a verified model bundle, the Open Inference Protocol (V2), health and Prometheus metrics. Errors are {"error": "..."} naming the field and the reason.',
    },
    paths: openapiPaths,
    components: {
      schemas: describeComponents(describeInstanceSchema(inputSchema)),
      securitySchemes: adminSecuritySchemes,
    },
  };
}
