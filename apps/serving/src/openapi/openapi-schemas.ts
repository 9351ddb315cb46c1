import type { DatasetSchema } from '@modelship/data-validation';

type JsonSchema = Record<string, unknown>;

const SCHEMA_TYPES: Record<string, JsonSchema> = {
  number: { type: ['number', 'string'] },
  integer: { type: ['number', 'string'] },
  boolean: { type: ['boolean', 'string'] },
  categorical: { type: 'string' },
  string: { type: 'string' },
  datetime: { type: 'string' },
};

/** A JSON Schema of one /predict instance, from the loaded model's input schema when there is one. */
export function describeInstanceSchema(schema: DatasetSchema | undefined): JsonSchema {
  if (!schema) {
    return {
      type: 'object',
      description: 'Raw feature values by column name, as in the input schema.',
    };
  }
  const columns = schema.columns.filter((column) => column.role !== 'target');
  return {
    type: 'object',
    additionalProperties: false,
    required: columns.filter((column) => column.role === 'feature').map((column) => column.name),
    properties: Object.fromEntries(
      columns.map((column) => {
        const base = SCHEMA_TYPES[column.type] ?? {};
        const type = column.nullable === false ? base['type'] : [base['type'], 'null'].flat();
        return [
          column.name,
          {
            ...base,
            type,
            ...(column.description ? { description: column.description } : {}),
            ...(column.categories ? { examples: column.categories } : {}),
            ...(column.min !== undefined ? { minimum: column.min } : {}),
            ...(column.max !== undefined ? { maximum: column.max } : {}),
          },
        ];
      }),
    ),
  };
}

/** Component schemas shared by the paths. */
export function describeComponents(instance: JsonSchema): Record<string, JsonSchema> {
  const model = {
    model: { type: 'string' },
    version: { type: 'string' },
    variant: { type: 'string' },
  };
  const prediction = {
    predictionId: { type: 'string', format: 'uuid' },
    label: { type: 'integer', enum: [0, 1] },
    probability: { type: 'number', minimum: 0, maximum: 1 },
  };
  const tensor = {
    type: 'object',
    required: ['name', 'shape', 'datatype', 'data'],
    properties: {
      name: { type: 'string' },
      shape: { type: 'array', items: { type: 'integer', minimum: 0 } },
      datatype: { type: 'string' },
      data: { type: 'array' },
    },
  };
  return {
    Error: { type: 'object', required: ['error'], properties: { error: { type: 'string' } } },
    Instance: instance,
    PredictRequest: {
      oneOf: [
        { $ref: '#/components/schemas/Instance' },
        {
          type: 'object',
          required: ['instances'],
          additionalProperties: false,
          properties: {
            instances: {
              type: 'array',
              minItems: 1,
              items: { $ref: '#/components/schemas/Instance' },
            },
          },
        },
      ],
    },
    Prediction: { type: 'object', required: Object.keys(prediction), properties: prediction },
    PredictResponse: {
      oneOf: [
        {
          type: 'object',
          required: [...Object.keys(model), ...Object.keys(prediction)],
          properties: { ...model, ...prediction },
        },
        {
          type: 'object',
          required: [...Object.keys(model), 'predictions'],
          properties: {
            ...model,
            predictions: { type: 'array', items: { $ref: '#/components/schemas/Prediction' } },
          },
        },
      ],
    },
    Tensor: tensor,
    InferRequest: {
      type: 'object',
      required: ['inputs'],
      properties: {
        id: { type: 'string' },
        inputs: { type: 'array', minItems: 1, items: { $ref: '#/components/schemas/Tensor' } },
        outputs: {
          type: 'array',
          items: {
            type: 'object',
            properties: { name: { type: 'string', enum: ['probability', 'label'] } },
          },
        },
      },
    },
    InferResponse: {
      type: 'object',
      required: ['model_name', 'model_version', 'id', 'outputs'],
      properties: {
        model_name: { type: 'string' },
        model_version: { type: 'string' },
        id: { type: 'string' },
        parameters: { type: 'object' },
        outputs: { type: 'array', items: { $ref: '#/components/schemas/Tensor' } },
      },
    },
    ModelMetadata: {
      type: 'object',
      required: ['name', 'versions', 'platform', 'inputs', 'outputs'],
      properties: {
        name: { type: 'string' },
        versions: { type: 'array', items: { type: 'string' } },
        platform: { type: 'string' },
        inputs: { type: 'array' },
        outputs: { type: 'array' },
        parameters: { type: 'object' },
      },
    },
    Status: { type: 'object' },
  };
}
