import { appendFileSync } from 'node:fs';
import type { TriggerCheck } from './check-triggers.js';
import { formatNumber, type TriggerResult } from './triggers/ct-trigger.js';

const HEADER = ['Trigger', 'Fired', 'Value', 'Threshold', 'Why'];

/** The triggers as an aligned plain-text table with the verdict under it. */
export function formatTriggerTable(check: TriggerCheck): string {
  const rows = [HEADER, ...check.results.map(toCells)];
  const widths = HEADER.map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => (c === cells.length - 1 ? cell : cell.padEnd(widths[c])))
      .join('  ')
      .trimEnd();
  const lines = [
    line(HEADER),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.slice(1).map(line),
  ];
  if (check.results.length === 0) lines.push('(every trigger is off in params.yaml `ct:`)');
  lines.push(
    '',
    check.retrain
      ? `Retrain: yes (${check.fired.join(', ')}). Next: modelship ct-ingest, then npx nx run training:pipeline`
      : 'Retrain: no',
  );
  return lines.join('\n');
}

/**
 * Hands the decision to CI: `retrain=` and `triggers=` lines in $GITHUB_OUTPUT (GitHub Actions),
 * and output variables by logging command on Azure Pipelines ($TF_BUILD is set there).
 * Returns the lines written to stdout (the Azure commands), if any.
 */
export function writeCiOutputs(
  check: TriggerCheck,
  env: Record<string, string | undefined> = process.env,
): string[] {
  const retrain = String(check.retrain);
  const triggers = check.fired.join(',');
  if (env['GITHUB_OUTPUT']) {
    appendFileSync(env['GITHUB_OUTPUT'], `retrain=${retrain}\ntriggers=${triggers}\n`);
  }
  if (!env['TF_BUILD']) return [];
  return [
    `##vso[task.setvariable variable=retrain;isOutput=true]${retrain}`,
    `##vso[task.setvariable variable=triggers;isOutput=true]${triggers}`,
  ];
}

// --- internal ---

function toCells(result: TriggerResult): string[] {
  return [
    result.trigger,
    result.fired ? 'FIRED' : 'no',
    result.value === null ? 'n/a' : formatNumber(result.value),
    `${result.comparator} ${formatNumber(result.threshold)}`,
    result.reason,
  ];
}
