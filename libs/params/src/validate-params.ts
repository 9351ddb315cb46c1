import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import { describeSchemaError } from './describe-schema-error.js';
import { ParamsError } from './params-error.js';
import { paramsSchema } from './params-schema.js';
import type { Params, ParamsSection } from './params-types.js';

const ajv = new Ajv({ verbose: true, allowUnionTypes: true });
const validateWhole = ajv.compile<Params>(paramsSchema);
const sectionValidators = new Map<string, ValidateFunction>();

/**
 * Checks parsed params.yaml against params.schema.json.
 * @throws ParamsError naming the first key that does not match, its value and what is allowed
 */
export function validateParams(raw: unknown, file = 'params.yaml'): Params {
  if (validateWhole(raw)) return raw;
  throw toParamsError(validateWhole, raw, file);
}

/**
 * Checks one top-level section (for a reader that needs only that section, like serving's
 * `model.name`); an absent section passes and comes back undefined.
 * @throws ParamsError as validateParams does, with the key path from the file's top
 */
export function validateParamsSection<S extends ParamsSection>(
  raw: unknown,
  section: S,
  file = 'params.yaml',
): Params[S] | undefined {
  if (raw === null || raw === undefined) return undefined;
  const value = (raw as Record<string, unknown>)[section];
  if (value === undefined) return undefined;
  const validate = sectionValidator(section);
  if (validate({ [section]: value })) return value as Params[S];
  throw toParamsError(validate, { [section]: value }, file);
}

// --- internal ---

// A schema of the one section, with the shared definitions, so paths stay `model.epochs`.
function sectionValidator(section: string): ValidateFunction {
  let validate = sectionValidators.get(section);
  if (!validate) {
    validate = ajv.compile({
      type: 'object',
      properties: { [section]: paramsSchema.properties?.[section] ?? {} },
      definitions: paramsSchema.definitions,
    });
    sectionValidators.set(section, validate);
  }
  return validate;
}

function toParamsError(validate: ValidateFunction, raw: unknown, file: string): ParamsError {
  const first = validate.errors?.[0];
  if (!first) return new ParamsError(`${file} does not match its schema`);
  const { message, path, value } = describeSchemaError(first, raw, file);
  return new ParamsError(message, path, value);
}
