import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { Ajv } from 'ajv';

/** This repository's root (tools/repo-checks/src -> ../../..). */
export const WORKSPACE_ROOT = join(import.meta.dirname, '..', '..', '..');

/**
 * The folder of the official CI schemas: $MODELSHIP_SCHEMAS_DIR, else ../shared/schemas beside the
 * repository. Throws naming both when neither exists.
 */
export function findSchemasDir(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env['MODELSHIP_SCHEMAS_DIR'] ?? join(WORKSPACE_ROOT, '..', 'shared', 'schemas');
  if (!existsSync(dir)) {
    throw new Error(
      `The CI schemas folder ${dir} does not exist: clone the shared folder beside the repository, or set MODELSHIP_SCHEMAS_DIR.`,
    );
  }
  return dir;
}

/**
 * Compiles one draft-07 schema. The Azure Pipelines schema uses regex escapes that are invalid in
 * unicode mode, so patterns compile without the `u` flag; formats are annotations only.
 */
export function loadSchemaValidator(file: string): ValidateFunction {
  const ajv = new Ajv({
    strict: false,
    allErrors: false,
    validateFormats: false,
    unicodeRegExp: false,
  });
  return ajv.compile(JSON.parse(readFileSync(join(findSchemasDir(), file), 'utf8')) as object);
}

/** The errors that say what is wrong, without the noise of every anyOf branch that did not apply. */
export function formatSchemaErrors(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? [])
    .filter((error) => !['anyOf', 'oneOf'].includes(error.keyword))
    .filter((error) => !isTaskBranchNoise(error))
    .slice(0, 10)
    .map(
      (error) =>
        `${error.instancePath || '/'} ${error.message ?? ''} ${JSON.stringify(error.params)}`,
    );
}

// --- internal ---

// A step is tried against every task's branch; those say "not this task", never what is wrong.
function isTaskBranchNoise(error: ErrorObject): boolean {
  return (
    (error.keyword === 'required' && error.params['missingProperty'] === 'task') ||
    (error.keyword === 'pattern' && error.instancePath.endsWith('/task')) ||
    (error.keyword === 'additionalProperties' && error.params['additionalProperty'] === 'task')
  );
}
