// A readable end-of-test summary for k6's handleSummary, without the jslib download (CI runners
// and this workspace may be offline). No k6 imports.

/**
 * @param {string} scenario
 * @param {{ metrics: Record<string, { type: string, values: Record<string, number>, thresholds?: Record<string, { ok: boolean }> }> }} data
 * @returns {string}
 */
export function formatTextSummary(scenario, data) {
  const lines = [`modelship load test: ${scenario}`, ''];
  const requests = data.metrics['http_reqs']?.values;
  if (requests) {
    lines.push(`requests: ${requests['count']} (${(requests['rate'] ?? 0).toFixed(1)}/s)`);
  }
  const duration = data.metrics['http_req_duration{kind:inference}']?.values;
  if (duration) {
    const stats = ['avg', 'med', 'p(95)', 'p(99)', 'max']
      .map((stat) => `${stat}=${(duration[stat] ?? 0).toFixed(2)}ms`)
      .join(' ');
    lines.push(`inference latency: ${stats}`);
  }
  lines.push('', 'thresholds:');
  let failed = 0;
  for (const [metric, { thresholds }] of Object.entries(data.metrics)) {
    for (const [expression, { ok }] of Object.entries(thresholds ?? {})) {
      if (!ok) failed += 1;
      lines.push(`  ${ok ? 'PASS' : 'FAIL'}  ${metric}: ${expression}`);
    }
  }
  lines.push('', failed === 0 ? 'all thresholds passed' : `${failed} threshold(s) failed`, '');
  return lines.join('\n');
}
