import type { FeatureSpec, RawRow } from '@modelship/features';
import { parseBoolean } from '@modelship/features';
import type { InstanceRules } from './instance-rules.js';

/**
 * An imported model's boolean column that it takes as text (skl2onnx one-hot encodes a `Y`/`N`
 * column): reads the value as the kit reads any boolean (true/false, or the schema's spellings,
 * else E_FEATURE_NOT_BOOLEAN) and hands the model the spelling its vocabulary knows, so a JSON
 * `true` reaches it as `Y`, never as an unknown category. Returns `row` itself when nothing
 * changes; throws the features library's FeatureError (the caller names the row).
 */
export function spellBooleanText(spec: FeatureSpec, rules: InstanceRules, row: RawRow): RawRow {
  let spelled: Record<string, RawRow[string]> | null = null;
  for (const { column, spellings } of rules.booleanText) {
    const value = row[column];
    const flag = parseBoolean(column, value, rules.missingValues, spec.booleanValues);
    if (flag === null) continue;
    const spelling = spellings[flag];
    if (spelling === value) continue;
    spelled ??= { ...row };
    spelled[column] = spelling;
  }
  return spelled ?? row;
}
