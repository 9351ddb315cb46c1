import { parseNumber, INVALID } from '../../schema/cell-parsers.js';
import { CheckTally } from './check-tally.js';
import type { ValidationRule } from './validation-rule.js';

/**
 * The target is present on every row and is what the schema declares: a binary target holds
 * exactly two values, the positive one among them; a multiclass target three classes or more
 * (training checks the classes against its split); a numeric target finite numbers. Each
 * failure names the task that fits the values instead.
 */
const MULTICLASS_MIN_CLASSES = 3;

export const targetRule: ValidationRule = {
  id: 'target',
  plan: ({ schema, maxExamples }) => {
    const { target } = schema;
    const column = schema.columns.find((entry) => entry.name === target.column);
    if (!column) return [];
    const tally = new CheckTally('target', column.name, maxExamples);
    const distinct = new Map<string, number>();
    let checked = 0;
    const binary = target.kind === 'binary';
    const multiclass = target.kind === 'multiclass';
    const onPresent = (raw: string, line: number): void => {
      checked += 1;
      if (multiclass) {
        // Three distinct classes are all it takes to pass; counting more costs memory for nothing.
        if (distinct.size < MULTICLASS_MIN_CLASSES && !distinct.has(raw)) distinct.set((' ' + raw).slice(1), 1);
        return;
      }
      if (!binary) {
        if (parseNumber(raw) === INVALID) tally.fail(line, raw);
        return;
      }
      const count = distinct.get(raw);
      if (count !== undefined) return void distinct.set(raw, count + 1);
      if (distinct.size < 3) distinct.set((' ' + raw).slice(1), 1);
      if (distinct.size >= 3) tally.fail(line, raw);
    };
    return [
      {
        column,
        onValue: (_value, raw, line) => onPresent(raw, line),
        onInvalid: (raw, line) => onPresent(raw, line),
        onMissing: (line) => tally.fail(line, ''),
        finish: ({ missing }) => {
          const values = [...distinct.keys()];
          const problems: string[] = [];
          if (missing > 0) problems.push(`${missing} rows have no target`);
          if (binary && values.length !== 2)
            problems.push(
              `a binary target needs exactly 2 values, found ${values.length}${values.length >= 3 ? ' or more' : ''}: ${values.map((value) => `"${value}"`).join(', ')}${values.length >= 3 ? ' (for three classes or more set `task: multiclass` in params.yaml and target.kind "multiclass" in the schema)' : ''}`,
            );
          if (multiclass && values.length < MULTICLASS_MIN_CLASSES)
            problems.push(
              `a multiclass target needs 3 classes or more, found ${values.length}: ${values.map((value) => `"${value}"`).join(', ')}${values.length === 2 ? ' (for two classes set `task: binary` in params.yaml and target.kind "binary" in the schema)' : ''}`,
            );
          if (
            binary &&
            target.positive !== undefined &&
            values.length > 0 &&
            !distinct.has(target.positive)
          )
            problems.push(`the positive value "${target.positive}" never occurs`);
          if (!binary && !multiclass && tally.failures > missing)
            problems.push(
              `${tally.failures - missing} values are not numbers (for a target that names classes set \`task: multiclass\` or \`binary\` in params.yaml and the schema's target.kind to match)`,
            );
          return tally.result({
            description: binary
              ? `binary target, positive "${target.positive ?? '?'}"`
              : `${target.kind} target`,
            checked: checked + missing,
            passed: problems.length === 0,
            message: problems.length === 0 ? 'ok' : problems.join('; '),
          });
        },
      },
    ];
  },
};
