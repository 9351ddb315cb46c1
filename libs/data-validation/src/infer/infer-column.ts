import type { ColumnSchema, ColumnType } from '../schema/dataset-schema.js';
import type { ColumnProfile } from './column-profile.js';

export interface InferColumnOptions {
  maxCategories: number;
  isTarget: boolean;
}

function inferType(profile: ColumnProfile, options: InferColumnOptions): ColumnType {
  const present = profile.rows - profile.missing;
  if (present === 0) return 'string';
  if (profile.boolean) return 'boolean';
  if (profile.integer) return 'integer';
  if (profile.number) return 'number';
  if (profile.datetime) return 'datetime';
  const distinct = profile.distinct?.size;
  if (distinct === undefined) return 'string';
  // Few values that repeat are categories; a short file of all-distinct names is not.
  return options.isTarget || distinct <= Math.max(2, present / 2) ? 'categorical' : 'string';
}

// Room above the observed missing share, so next month's file does not fail on noise.
function allowMissingShare(missing: number, rows: number): number {
  return Math.min(1, Math.ceil((150 * missing) / rows) / 100);
}

/**
 * Turns a column profile into a schema entry. Roles come from the data, never the name:
 * distinct integer or text values with none missing make an id; free text and datetimes are
 * ignored until someone derives features from them.
 */
export function inferColumn(
  name: string,
  profile: ColumnProfile,
  options: InferColumnOptions,
): ColumnSchema {
  const type = inferType(profile, options);
  const distinctIds =
    profile.unique && profile.missing === 0 && (type === 'integer' || type === 'string');
  const role = options.isTarget
    ? 'target'
    : distinctIds
      ? 'id'
      : type === 'string' || type === 'datetime'
        ? 'ignore'
        : 'feature';
  const column: ColumnSchema = { name, type, role, nullable: profile.missing > 0 };
  if (profile.missing > 0)
    column.maxMissingShare = allowMissingShare(profile.missing, profile.rows);
  if (
    (type === 'integer' || type === 'number') &&
    role !== 'id' &&
    profile.rows > profile.missing
  ) {
    column.min = profile.min;
    column.max = profile.max;
  }
  if (type === 'categorical') column.categories = [...(profile.distinct?.keys() ?? [])].sort();
  if (distinctIds || (profile.unique && type === 'string')) column.unique = true;
  if (profile.rows === profile.missing) column.description = 'always empty in the inferred file';
  return column;
}
