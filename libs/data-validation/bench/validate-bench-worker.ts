// One measured run in its own process, so its peak RSS is its own: `parse` or `validate`.
// Prints one JSON line: { rows, ms, maxRssMb }.
import { loadSchema, streamCsvBatches, validateDataset } from '../src/index.js';

const [mode, file, schemaFile] = process.argv.slice(2);
const started = performance.now();
let rows = 0;
if (mode === 'parse') {
  for await (const batch of streamCsvBatches(file)) rows += batch.rows.length;
} else {
  const report = await validateDataset(file, await loadSchema(schemaFile));
  rows = report.dataset.rows;
}
const ms = performance.now() - started;
process.stdout.write(
  `${JSON.stringify({ rows, ms, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`,
);
