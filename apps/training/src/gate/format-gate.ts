import { format, type ChampionChallenger, type GateCheck, type GateReport } from './decide-gate.js';

const HEADER = ['Check', 'Metric', 'Required', 'Actual', 'Result'];

function toCells(check: GateCheck): string[] {
  return [
    check.check,
    check.metric,
    check.required === null ? 'n/a' : `${check.comparator} ${format(check.required)}`,
    check.actual === null ? 'missing' : format(check.actual),
    check.passed ? 'pass' : 'FAIL',
  ];
}

/** The checks as an aligned plain-text table, for the terminal and CI logs. */
export function formatGateTable(report: GateReport): string {
  const rows = [HEADER, ...report.checks.map(toCells)];
  const widths = HEADER.map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => cell.padEnd(widths[c]))
      .join('  ')
      .trimEnd();
  const lines = [
    line(rows[0]),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.slice(1).map(line),
  ];
  if (!report.comparedTo && !report.checks.some((c) => c.check === 'better than production')) {
    lines.push('', 'No production model: threshold checks only.');
  }
  lines.push('', `Gate: ${report.passed ? 'PASSED' : 'FAILED'}`);
  return lines.join('\n');
}

/** The checks as a Markdown table with the verdict above it, for the card and the CI summary. */
export function formatGateMarkdown(report: GateReport): string {
  const escape = (cell: string) => cell.replace(/\|/g, '\\|');
  const lines = [
    `**${report.passed ? 'PASSED' : 'FAILED'}**`,
    '',
    `| ${HEADER.join(' | ')} |`,
    `|${HEADER.map((_, i) => (i >= 2 && i <= 3 ? ' ---: ' : ' --- ')).join('|')}|`,
    ...report.checks.map((check) => `| ${toCells(check).map(escape).join(' | ')} |`),
    '',
    ...report.reasons.map((reason) => `- ${reason}`),
  ];
  if (report.championChallenger) lines.push('', formatChampionMarkdown(report.championChallenger));
  return lines.join('\n');
}

/** The champion-vs-challenger evidence as a Markdown section: both metric sets and the verdict. */
export function formatChampionMarkdown(evidence: ChampionChallenger): string {
  const { champion } = evidence;
  const version = typeof champion.version === 'number' ? `v${champion.version}` : champion.version;
  const rows = evidence.metrics.map(
    ({ metric, champion: a, challenger: b, delta }) =>
      `| ${metric}${metric === evidence.metric ? ' (decides)' : ''} | ${format(a)} | ${format(b)} | ${delta >= 0 ? '+' : ''}${format(delta)} |`,
  );
  return [
    '### Champion vs challenger',
    '',
    `Champion: production ${champion.name} ${version}, measured on ${champion.evaluatedOn}. ` +
      `Challenger: this model. The challenger must beat the champion on ${evidence.metric} by more than ${format(evidence.margin)}.`,
    '',
    `| Metric | Champion ${version} | Challenger | Delta |`,
    '| --- | ---: | ---: | ---: |',
    ...rows,
    '',
    `**Winner: ${evidence.winner}**${evidence.winner === 'champion' ? ' (production stays)' : ''}`,
  ].join('\n');
}
