import { readFile } from 'node:fs/promises';
import type { DatasetSchema } from './dataset-schema.js';
import { checkSchema } from './check-schema.js';
import { SchemaError } from './schema-error.js';

/**
 * Reads and checks a dataset schema file.
 * @throws SchemaError when the file is missing, is not JSON, or breaks the format.
 */
export async function loadSchema(file: string): Promise<DatasetSchema> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const fix =
      'check `data.schema` in params.yaml, or write one with `modelship schema infer <csv> --target <column> --out <file>`';
    throw new SchemaError(
      file,
      [
        {
          path: '$',
          problem: `cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
          fix,
        },
      ],
      { cause: error },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SchemaError(
      file,
      [
        {
          path: '$',
          problem: `not valid JSON (${(error as Error).message})`,
          fix: 'fix the JSON syntax',
        },
      ],
      { cause: error },
    );
  }
  return checkSchema(json, file);
}
