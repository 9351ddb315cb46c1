import type { AcceptanceCheck } from './check-acceptance.js';

/** How many mismatches each check lists (the first ones, in holdout order). */
const SHOWN = 5;

/** The plain-text report the command prints. */
export function formatAcceptanceText(url: string, checks: readonly AcceptanceCheck[]): string {
  const lines = [`modelship acceptance against ${url}`];
  for (const check of checks) {
    lines.push(`  ${check.status.toUpperCase().padEnd(7)} ${check.name}: ${check.detail}`);
    for (const m of check.mismatches.slice(0, SHOWN)) {
      lines.push(`          ${describeRow(m.row)}: expected ${m.expected}, got ${m.got}`);
    }
    if (check.mismatches.length > SHOWN) {
      lines.push(`          ... and ${check.mismatches.length - SHOWN} more`);
    }
  }
  lines.push(passed(checks) ? 'Accepted.' : 'Rejected: the live service differs from the bundle.');
  return `${lines.join('\n')}\n`;
}

/** The Markdown report for the CI job summary. */
export function formatAcceptanceMarkdown(url: string, checks: readonly AcceptanceCheck[]): string {
  const icon = { pass: '✅', fail: '❌', skipped: '➖' } as const;
  const lines = [
    `### Model acceptance: ${passed(checks) ? 'accepted' : 'rejected'}`,
    '',
    `Service: ${url}`,
    '',
    '| check | result | detail |',
    '|---|---|---|',
    ...checks.map((c) => `| ${c.name} | ${icon[c.status]} ${c.status} | ${c.detail} |`),
  ];
  const failed = checks.filter((c) => c.mismatches.length > 0);
  for (const check of failed) {
    lines.push(
      '',
      `**${check.name}**: first mismatches`,
      '',
      '| row | expected | got |',
      '|---|---|---|',
    );
    for (const m of check.mismatches.slice(0, SHOWN)) {
      lines.push(`| ${m.row} | ${m.expected} | ${m.got} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Whether no check failed (skipped ones do not fail the run). */
export function passed(checks: readonly AcceptanceCheck[]): boolean {
  return checks.every((check) => check.status !== 'fail');
}

function describeRow(row: number | string): string {
  return typeof row === 'number' ? `row ${row}` : row;
}
