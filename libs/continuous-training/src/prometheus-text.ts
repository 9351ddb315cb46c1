import { CtError } from './ct-error.js';

/** One sample of a Prometheus text exposition: `name{labels} value`. */
export interface PromSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/**
 * Parses the Prometheus text exposition format (version 0.0.4, what `/metrics` answers): comment
 * and HELP/TYPE lines are skipped, label values are unescaped (`\\`, `\"`, `\n`), values may be
 * `NaN`, `+Inf` or `-Inf`, and an optional timestamp after the value is ignored.
 * @throws CtError naming the line for a malformed sample
 */
export function parsePrometheusText(text: string, source = 'metrics'): PromSample[] {
  const samples: PromSample[] = [];
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index].trim();
    if (line === '' || line.startsWith('#')) continue;
    try {
      samples.push(parseSampleLine(line));
    } catch (error) {
      throw new CtError(
        'E_CT_METRICS',
        `${source}:${index + 1}: ${(error as Error).message} in ${JSON.stringify(line.slice(0, 120))}; expected the Prometheus text format (name{label="value"} number).`,
        line,
      );
    }
  }
  return samples;
}

/** The samples of one metric whose labels include every given label. */
export function selectSamples(
  samples: readonly PromSample[],
  name: string,
  labels: Record<string, string> = {},
): PromSample[] {
  return samples.filter(
    (sample) =>
      sample.name === name &&
      Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
  );
}

// --- internal ---

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;

function parseSampleLine(line: string): PromSample {
  const name = NAME.exec(line)?.[0];
  if (!name) throw new Error('no metric name');
  let rest = line.slice(name.length);
  const labels: Record<string, string> = {};
  if (rest.startsWith('{')) {
    rest = parseLabels(rest.slice(1), labels);
  }
  const [valueText, timestamp, extra] = rest.trim().split(/\s+/);
  if (valueText === undefined || valueText === '') throw new Error('no value');
  if (extra !== undefined || (timestamp !== undefined && !/^-?\d+$/.test(timestamp)))
    throw new Error('unexpected text after the value');
  return { name, labels, value: parseValue(valueText) };
}

// Reads `a="1",b="2"}` into labels and returns what follows the closing brace.
function parseLabels(text: string, labels: Record<string, string>): string {
  let rest = text.trimStart();
  while (!rest.startsWith('}')) {
    const labelName = LABEL_NAME.exec(rest)?.[0];
    if (!labelName) throw new Error('bad label name');
    rest = rest.slice(labelName.length).trimStart();
    if (rest.startsWith('=')) rest = rest.slice(1).trimStart();
    if (!rest.startsWith('"')) throw new Error(`label ${labelName} has no ="value"`);
    let value = '';
    let i = 1;
    for (; i < rest.length && rest[i] !== '"'; i++) {
      if (rest[i] !== '\\') {
        value += rest[i];
        continue;
      }
      const next = rest[++i];
      value += next === 'n' ? '\n' : next;
    }
    if (i >= rest.length) throw new Error(`label ${labelName}'s value is not closed`);
    labels[labelName] = value;
    rest = rest.slice(i + 1).trimStart();
    if (rest.startsWith(',')) rest = rest.slice(1).trimStart();
    else if (!rest.startsWith('}')) throw new Error('expected , or } after a label');
  }
  return rest.slice(1);
}

function parseValue(text: string): number {
  if (text === 'NaN') return Number.NaN;
  if (text === '+Inf' || text === 'Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  const value = Number(text);
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text) || Number.isNaN(value))
    throw new Error(`value ${JSON.stringify(text)} is not a number`);
  return value;
}
