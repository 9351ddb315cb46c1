export * from './serving-names.js';
export * from './schemas/common-schemas.js';
export * from './schemas/predict-schemas.js';
export * from './schemas/v2-schemas.js';
export * from './schemas/feedback-schemas.js';
export * from './schemas/rollout-schemas.js';
export { buildOpenApiDocument } from './openapi/build-openapi-document.js';
export type { JsonSchema } from './openapi/describe-components.js';
