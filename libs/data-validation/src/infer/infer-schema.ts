import { basename, extname } from 'node:path';
import type { Task } from '@modelship/core';
import { streamCsvBatches } from '../csv/stream-csv-batches.js';
import type { DatasetSchema, TargetSchema } from '../schema/dataset-schema.js';
import { DATASET_SCHEMA_VERSION } from '../schema/dataset-schema.js';
import { DEFAULT_BOOLEAN_VALUES, DEFAULT_MISSING_VALUES } from '../schema/schema-defaults.js';
import { ColumnProfile } from './column-profile.js';
import { inferColumn } from './infer-column.js';
import { InferError } from './infer-error.js';
import type { TaskProposal } from './propose-task.js';
import { DEFAULT_MAX_CLASSES, proposeTask } from './propose-task.js';

export interface InferSchemaOptions {
  /** The column the model predicts. */
  target: string;
  /** The dataset's name in the schema. @default the file name without extension */
  name?: string;
  /** Read at most this many data rows. @default every row */
  sampleRows?: number;
  /** Text columns with at most this many distinct values become categorical. @default 50 */
  maxCategories?: number;
  /** The task, when the user chose it; it is checked against the target's values. @default proposed */
  task?: Task;
  /** A classification target may hold at most this many classes. @default DEFAULT_MAX_CLASSES */
  maxClasses?: number;
  delimiter?: string;
}

/** The inferred schema and the task proposed for its target, with the rule that chose it. */
export interface InferredSchema {
  schema: DatasetSchema;
  task: TaskProposal;
}

const TRUE_TEXTS = new Set<string>(DEFAULT_BOOLEAN_VALUES.true);

// Numbers: the larger is positive (0/1, 1/2). Booleans: the true one. Otherwise the rarer value,
// since the positive class is usually the minority (churned, fraud, defaulted).
function choosePositive(counts: Map<string, number>, numeric: boolean): string {
  const [a, b] = [...counts.entries()];
  if (numeric) return Number(a[0]) > Number(b[0]) ? a[0] : b[0];
  const truthy = [a, b].find(([value]) => TRUE_TEXTS.has(value.toLowerCase()));
  if (truthy) return truthy[0];
  return a[1] < b[1] || (a[1] === b[1] && a[0] > b[0]) ? a[0] : b[0];
}

function inferTarget(target: string, profile: ColumnProfile, task: TaskProposal): TargetSchema {
  if (task.task === 'regression') return { column: target, kind: 'numeric' };
  if (task.task === 'multiclass') return { column: target, kind: 'multiclass' };
  const counts = profile.distinct ?? new Map<string, number>();
  return { column: target, kind: 'binary', positive: choosePositive(counts, profile.number) };
}

/**
 * Infers a dataset schema from a CSV in one streaming pass: types, nullability and missing
 * share, ranges, categories, uniqueness, roles and the binary target's positive value.
 * The result is a starting point for a person to edit (see `writeSchema`).
 */
export async function inferSchema(
  file: string,
  options: InferSchemaOptions,
): Promise<DatasetSchema> {
  return (await inferSchemaAndTask(file, options)).schema;
}

/**
 * What `inferSchema` does, and also the task proposed for the target (binary, multiclass or
 * regression) with the rule that chose it, or the user's `task` once checked against the values.
 * @throws InferError `E_TARGET_UNUSABLE` / `E_TARGET_TASK` as `proposeTask` does
 */
export async function inferSchemaAndTask(
  file: string,
  options: InferSchemaOptions,
): Promise<InferredSchema> {
  const maxClasses = options.maxClasses ?? DEFAULT_MAX_CLASSES;
  const maxCategories = options.maxCategories ?? 50;
  const limit = options.sampleRows ?? Infinity;
  const missing = new Set<string>(DEFAULT_MISSING_VALUES);
  let header: readonly string[] = [];
  let profiles: ColumnProfile[] = [];
  let rows = 0;
  for await (const batch of streamCsvBatches(file, { delimiter: options.delimiter })) {
    if (profiles.length === 0) {
      header = batch.header;
      if (!header.includes(options.target)) {
        throw new InferError(
          'E_INFER_TARGET',
          file,
          options.target,
          `the target column "${options.target}" is not in the header (${header.join(', ')})`,
          'pass --target with one of the header names',
        );
      }
      // The target keeps up to maxClasses distinct values, so "too many classes" is exact.
      profiles = header.map(
        (name) => new ColumnProfile(name === options.target ? maxClasses : maxCategories),
      );
    }
    for (const row of batch.rows) {
      if (rows++ >= limit) break;
      for (let c = 0; c < row.length; c++) {
        const raw = row[c];
        if (missing.has(raw)) profiles[c].addMissing();
        else profiles[c].add(raw);
      }
    }
    if (rows >= limit) break;
  }
  if (rows === 0)
    throw new InferError(
      'E_INFER_EMPTY',
      file,
      0,
      'the file has a header but no data rows',
      'infer from a file with data rows',
    );
  const targetIndex = header.indexOf(options.target);
  const profile = profiles[targetIndex];
  const task = proposeTask(profile, {
    file,
    column: options.target,
    task: options.task,
    maxClasses,
  });
  const schema: DatasetSchema = {
    schemaVersion: DATASET_SCHEMA_VERSION,
    name: options.name ?? basename(file, extname(file)),
    target: inferTarget(options.target, profile, task),
    missingValues: [...DEFAULT_MISSING_VALUES],
    columns: header.map((name, index) =>
      inferColumn(name, profiles[index], { maxCategories, isTarget: index === targetIndex }),
    ),
  };
  return { schema, task };
}
