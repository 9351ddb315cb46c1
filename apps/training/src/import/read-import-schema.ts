import type { Task } from '@modelship/core';
import type { DatasetSchema } from '@modelship/data-validation';
import {
  getTargetKind,
  getTargetTask,
  inferSchemaAndTask,
  loadSchema,
} from '@modelship/data-validation';
import { ImportError } from './import-error.js';

export interface ImportSchema {
  /** The schema with `--target` as its target column (role `target`) and `--positive` set. */
  schema: DatasetSchema;
  task: Task;
  /** True when no `--schema` was given and the schema was inferred from the sample. */
  inferred: boolean;
}

/**
 * The sample's schema: `--schema` when given, else inferred from the CSV as `modelship schema
 * infer` does (types, id-like columns, the task from the target's values). `--target` is the
 * target either way, `--task` (when given) must agree with a written schema's target kind, and
 * `--positive` names a binary target's positive class.
 * @throws ImportError `E_IMPORT_OUTPUTS` when `--task` contradicts the schema
 */
export async function readImportSchema(
  dataFile: string,
  options: {
    schemaFile?: string | undefined;
    target: string;
    task?: Task | undefined;
    positive?: string | undefined;
  },
): Promise<ImportSchema> {
  let schema: DatasetSchema;
  let task: Task;
  if (options.schemaFile) {
    const written = await loadSchema(options.schemaFile);
    const sameTarget = written.target.column === options.target;
    const kind = sameTarget
      ? written.target.kind
      : getTargetKind(options.task ?? getTargetTask(written.target));
    task = options.task ?? getTargetTask({ kind });
    if (sameTarget && getTargetTask(written.target) !== task) {
      throw new ImportError({
        code: 'E_IMPORT_OUTPUTS',
        file: options.schemaFile,
        column: options.target,
        problem: `--task ${task} contradicts the schema, whose target is ${written.target.kind} (task ${getTargetTask(written.target)})`,
        fix: `pass --task ${getTargetTask(written.target)}, or correct target.kind in the schema`,
      });
    }
    const target = sameTarget
      ? written.target
      : { column: options.target, kind: getTargetKind(task) };
    schema = { ...written, target };
  } else {
    const inferred = await inferSchemaAndTask(dataFile, {
      target: options.target,
      ...(options.task ? { task: options.task } : {}),
    });
    schema = inferred.schema;
    task = inferred.task.task;
  }
  const columns = schema.columns.map((column) =>
    column.name === options.target ? { ...column, role: 'target' as const } : column,
  );
  const target =
    options.positive === undefined
      ? schema.target
      : { ...schema.target, positive: options.positive };
  return { schema: { ...schema, columns, target }, task, inferred: !options.schemaFile };
}
