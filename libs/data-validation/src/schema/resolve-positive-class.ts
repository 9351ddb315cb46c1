import { LocatedDataError } from '../csv/located-data-error.js';

const KNOWN_PAIRS: readonly [positive: string, negative: string][] = [
  ['1', '0'],
  ['true', 'false'],
  ['yes', 'no'],
  ['y', 'n'],
  ['t', 'f'],
];

/**
 * Which of a binary target's two CSV texts is the positive class: the schema's
 * `target.positive` when set, else the true-ish side of a familiar pair (1/0, yes/no, true/false).
 * @throws LocatedDataError `E_TARGET_POSITIVE` naming the file, the column and the classes found
 */
export function resolvePositiveClass(
  classes: readonly string[],
  configured: string | undefined,
  where: { file: string; column: string },
): { positive: string; negative: string } {
  const [first = '', second = ''] = classes;
  if (configured !== undefined) {
    if (!classes.includes(configured)) {
      throw new LocatedDataError({
        code: 'E_TARGET_POSITIVE',
        ...where,
        value: configured,
        problem: `the positive class "${configured}" never occurs; the target holds ${formatClasses(classes)}`,
        fix: 'set `target.positive` in the dataset schema to one of those values',
      });
    }
    return { positive: configured, negative: configured === first ? second : first };
  }
  for (const [positive, negative] of KNOWN_PAIRS) {
    const lower = classes.map((value) => value.trim().toLowerCase());
    const p = lower.indexOf(positive);
    const n = lower.indexOf(negative);
    if (p !== -1 && n !== -1)
      return { positive: classes[p] ?? positive, negative: classes[n] ?? negative };
  }
  throw new LocatedDataError({
    code: 'E_TARGET_POSITIVE',
    ...where,
    value: classes,
    problem: `cannot tell which of ${formatClasses(classes)} is the positive class`,
    fix: 'set `target.positive` in the dataset schema',
  });
}

/** The classes as `"a", "b"`, for messages. */
export function formatClasses(classes: readonly string[]): string {
  return classes.map((value) => `"${value}"`).join(', ');
}
