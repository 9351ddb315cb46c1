import type { TargetCheck } from './check-target-column.js';

/** What the README's example is made of: the user's first row and what the target check found. */
export interface QuickStartExample {
  /** The CSV as the workspace names it, e.g. `data/tickets.csv`. */
  csv: string;
  target: string;
  model: string;
  /** A data row of the CSV whose target holds a value, by column name. */
  row: Readonly<Record<string, string>>;
  check: Pick<TargetCheck, 'task' | 'classes'>;
}

// A served answer's predictionId is a random UUID; the example shows the form.
const EXAMPLE_PREDICTION_ID = '5b1d2c7e-8a4f-4c3b-9d2e-1f0a6b7c8d9e';
const LABEL_PROBABILITY = 0.8;

/**
 * The README's quick-start paragraph for a workspace on the user's CSV: a `curl` posting a row
 * of the CSV as it is (the target left out) and the answer in the task's form (C2 of
 * issue #13): the class text with a probability per class, or a value in the target's units.
 * The numbers are illustrative, and the text says so.
 */
export function formatQuickStartExample(example: QuickStartExample): string {
  const { csv, target, model, row, check } = example;
  const instance = Object.fromEntries(
    Object.entries(row)
      .filter(([column, value]) => column !== target && value !== '')
      .map(([column, value]) => [column, toJsonValue(value)]),
  );
  const served = { model, version: '1', variant: 'stable', predictionId: EXAMPLE_PREDICTION_ID };
  const actual = row[target] ?? '';
  const probabilities = spreadProbabilities(check.classes, actual);
  const answer =
    check.task === 'regression'
      ? { ...served, value: Number(actual) }
      : {
          ...served,
          label: actual,
          ...(check.task === 'multiclass' ? { probability: probabilities[actual] } : {}),
          probabilities,
        };
  const form =
    check.task === 'regression'
      ? `a \`value\` in \`${target}\`'s own units`
      : `a \`label\` in your own class texts with a probability per class (and \`probability\`, ${check.task === 'binary' ? "the positive class's: the schema's `target.positive`" : "the predicted class's"})`;
  return [
    wrap(
      `On your data (\`${csv}\`, target \`${target}\`, task ${check.task}), \`npm start\` serves a model that takes a row of your CSV as it is (the target left out; id and ignored columns are accepted, and an id comes back as \`id\`) and answers ${form}. For example (the numbers are illustrative):`,
    ),
    '',
    '```sh',
    `curl -s http://localhost:8080/predict -H 'Content-Type: application/json' \\`,
    `  -d '${JSON.stringify(instance).replace(/'/g, "'\\''")}'`,
    '```',
    '',
    '```json',
    JSON.stringify(answer, null, 2),
    '```',
  ].join('\n');
}

/**
 * Puts the example under the README's quick start (after its first code block); returns the
 * README unchanged when it has no such section (a template edited beyond recognition).
 */
export function insertQuickStartExample(readme: string, example: string): string {
  const section = readme.indexOf('## Quick start');
  if (section === -1) return readme;
  const open = readme.indexOf('```', section);
  const close = open === -1 ? -1 : readme.indexOf('\n```', open + 3);
  if (close === -1) return readme;
  const end = close + '\n```'.length;
  return `${readme.slice(0, end)}\n\n${example}${readme.slice(end)}`;
}

// --- internal ---

const README_WIDTH = 100;

// Greedy word wrap at the README's line width.
function wrap(text: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > README_WIDTH) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  return [...lines, line].join('\n');
}

function toJsonValue(text: string): unknown {
  const trimmed = text.trim();
  if (/^(true|false)$/i.test(trimmed)) return trimmed.toLowerCase() === 'true';
  const number = Number(trimmed);
  return trimmed !== '' && Number.isFinite(number) && !/^[+-]?0\d/.test(trimmed) ? number : text;
}

// The predicted class gets LABEL_PROBABILITY, the others share the rest; rounded, summing to 1.
function spreadProbabilities(classes: readonly string[], label: string): Record<string, number> {
  const others = classes.filter((value) => value !== label);
  const each = Math.round(((1 - LABEL_PROBABILITY) / Math.max(others.length, 1)) * 1000) / 1000;
  const rest = Math.round((1 - each * others.length) * 1000) / 1000;
  return Object.fromEntries(classes.map((value) => [value, value === label ? rest : each]));
}
