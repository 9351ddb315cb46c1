/** Prints a value as JSON (for --json) on stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Prints rows as an aligned text table with a header line. */
export function printTable(
  headers: string[],
  rows: (string | number | null | undefined)[][],
): void {
  const cells = [
    headers,
    ...rows.map((row) =>
      row.map((cell) => (cell === null || cell === undefined ? '-' : String(cell))),
    ),
  ];
  const widths = headers.map((_, column) =>
    Math.max(...cells.map((row) => row[column]?.length ?? 0)),
  );
  const lines = cells.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd(),
  );
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** Prints one human line on stdout (never used with --json). */
export function printLine(line: string): void {
  process.stdout.write(`${line}\n`);
}

export function formatMetric(value: unknown): string {
  return typeof value === 'number'
    ? String(Number(value.toFixed(4)))
    : value === undefined
      ? '-'
      : JSON.stringify(value);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
