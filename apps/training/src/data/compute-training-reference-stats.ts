import type { RawRow } from '@modelship/features';
import type { DatasetSchema } from '@modelship/data-validation';

type ComputeReferenceStats = (rows: Iterable<RawRow>, schema: DatasetSchema, options: { bins: number }) => unknown;

/**
 * Reference statistics of the training split (for drift), from `@modelship/data-validation`'s
 * `computeReferenceStats`; null while that library does not export it yet.
 */
export async function computeTrainingReferenceStats(
  rows: readonly RawRow[],
  schema: DatasetSchema,
  bins: number,
): Promise<unknown> {
  const specifier = '@modelship/data-validation';
  let compute: ComputeReferenceStats | undefined;
  try {
    compute = ((await import(specifier)) as { computeReferenceStats?: ComputeReferenceStats }).computeReferenceStats;
  } catch {
    return null;
  }
  return typeof compute === 'function' ? await compute(rows, schema, { bins }) : null;
}
