/** A Markdown table; pipes in cells are escaped. `align` holds 'l' or 'r' per column. */
export function renderTable(
  header: string[],
  rows: string[][],
  align = header.map(() => 'l'),
): string {
  const escape = (cell: string) => cell.replace(/\|/g, '\\|');
  return [
    `| ${header.map(escape).join(' | ')} |`,
    `|${align.map((a) => (a === 'r' ? ' ---: ' : ' --- ')).join('|')}|`,
    ...rows.map((row) => `| ${row.map(escape).join(' | ')} |`),
  ].join('\n');
}

/** Four decimals, or an em dash when undefined. */
export function formatMetric(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(4);
}

export function formatPercent(value: number): string {
  return `${(100 * value).toFixed(1)}%`;
}

export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}
