import type { ServedOutput } from '../schemas/predict-schemas.js';
import { PredictInstance } from '../schemas/predict-schemas.js';
import type { JsonSchema } from './describe-components.js';
import { describeComponents } from './describe-components.js';
import { adminSecuritySchemes } from './openapi-admin-paths.js';
import { openapiPaths } from './openapi-paths.js';

/**
 * The OpenAPI 3.1 document of the service, generated from the contract's schemas. `instance` is
 * one /predict instance as the loaded model's input schema describes it (feature names, types,
 * ranges); without one, any object of raw features. `output` is the loaded model's task and
 * classes (its answers' shape); without one, every task's. Plain JSON: what `/openapi.json` serves.
 */
export function buildOpenApiDocument(instance?: JsonSchema, output?: ServedOutput) {
  const document = {
    openapi: '3.1.0',
    info: {
      title: 'modelship serving',
      version: '0.1.0',
      description:
        'Predictions from a verified model bundle, the Open Inference Protocol (V2), health and Prometheus metrics. Errors are {"error": "..."} naming the field and the reason.',
    },
    paths: openapiPaths,
    components: {
      schemas: describeComponents(instance ?? PredictInstance, output),
      securitySchemes: adminSecuritySchemes,
    },
  };
  // TypeBox marks its schemas with symbol keys; the document is the JSON they serialise to.
  return JSON.parse(JSON.stringify(document)) as typeof document;
}
