// Watches a deployed modelship service (GitHub: .github/actions/watch-service; Azure Pipelines:
// ci/azure/steps/watch-service.yml). Exit 0: healthy for the whole window;
// exit 1: readiness failed 3 times in a row, or the 5xx share went over the limit.
// Plain Node (>= 20, global fetch), no dependencies: it runs before or without `npm ci`.
const url = (process.env.WATCH_URL ?? '').replace(/\/+$/, '');
const minutes = Number(process.env.WATCH_MINUTES ?? '5');
const maxErrorRate = Number(process.env.WATCH_MAX_ERROR_RATE ?? '0.01');
const intervalMs = Number(process.env.WATCH_INTERVAL_SECONDS ?? '15') * 1000;

if (!/^https?:\/\//.test(url)) fail(`WATCH_URL must be an http(s) URL, got \`${url}\`.`);
for (const [name, value] of [
  ['WATCH_MINUTES', minutes],
  ['WATCH_MAX_ERROR_RATE', maxErrorRate],
  ['WATCH_INTERVAL_SECONDS', intervalMs],
]) {
  if (!Number.isFinite(value) || value < 0)
    fail(`${name} must be a non-negative number, got \`${value}\`.`);
}

const deadline = Date.now() + minutes * 60_000;
const first = await scrapeRequests();
let failuresInARow = 0;
let polls = 0;
do {
  polls++;
  const ready = await isReady();
  failuresInARow = ready ? 0 : failuresInARow + 1;
  if (failuresInARow >= 3) fail(`${url}/health/ready failed ${failuresInARow} times in a row.`);
  if (Date.now() + intervalMs > deadline) break;
  await new Promise((resolve) => setTimeout(resolve, intervalMs));
} while (Date.now() < deadline);
const last = await scrapeRequests();
const total = last.total - first.total;
const errors = last.errors - first.errors;
const rate = total > 0 ? errors / total : 0;
console.log(
  `watched ${url} for ${minutes} min (${polls} polls): ${errors}/${total} answers were 5xx (${(rate * 100).toFixed(2)}%, limit ${(maxErrorRate * 100).toFixed(2)}%).`,
);
if (rate > maxErrorRate)
  fail(`the 5xx share ${rate.toFixed(4)} is over the limit ${maxErrorRate}.`);

async function isReady() {
  try {
    const response = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(10_000) });
    return response.status === 200;
  } catch {
    return false;
  }
}

// Sums modelship_http_requests_total over all series, and over the 5xx ones.
async function scrapeRequests() {
  let text = '';
  try {
    const response = await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(10_000) });
    if (response.ok) text = await response.text();
  } catch {
    // An unreachable /metrics counts as no traffic; readiness polls catch a dead service.
  }
  let total = 0;
  let errors = 0;
  for (const line of text.split('\n')) {
    const match = /^modelship_http_requests_total\{([^}]*)\}\s+([0-9.eE+-]+)/.exec(line);
    if (!match) continue;
    const value = Number(match[2]);
    total += value;
    if (/status="5\d\d"/.test(match[1])) errors += value;
  }
  return { total, errors };
}

function fail(message) {
  console.error(`::error::watch-service: ${message}`);
  process.exit(1);
}
