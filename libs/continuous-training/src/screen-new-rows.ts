import type { DatasetSchema } from '@modelship/data-validation';
import { validateNewRows, type RowProblem } from './validate-new-rows.js';

/**
 * The problems of each new row, by index: those already `known` (the row is not validated), then
 * every check of the schema the row breaks (`validateNewRows`). Leaves `tempFile` holding the
 * current data plus exactly the rows without problems, validated as a whole, ready to replace the
 * data file (untouched when no row is good).
 */
export async function screenNewRows(
  dataFile: string,
  rows: readonly string[][],
  schema: DatasetSchema,
  tempFile: string,
  known: ReadonlyMap<number, RowProblem[]> = new Map(),
): Promise<Map<number, RowProblem[]>> {
  const problems = new Map(known);
  const candidates = rows.map((_, index) => index).filter((index) => !known.has(index));
  if (candidates.length === 0) return problems;
  const pick = (indexes: number[]) => indexes.map((index) => rows[index] as string[]);
  const verdict = await validateNewRows(dataFile, pick(candidates), schema, tempFile);
  for (const [at, list] of verdict.problems) problems.set(candidates[at] as number, list);
  const good = candidates.filter((index) => !problems.has(index));
  // The combined file must pass as a whole once the bad rows are out.
  if (good.length > 0 && good.length < candidates.length)
    await validateNewRows(dataFile, pick(good), schema, tempFile);
  return problems;
}
