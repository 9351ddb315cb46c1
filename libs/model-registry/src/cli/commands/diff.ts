import { defineCommand } from 'citty';
import { commonArgs, openFromArgs, parseVersionArg } from '../cli-context.js';
import { formatMetric, printJson, printTable } from '../output.js';

function flatten(
  prefix: string,
  value: unknown,
  out: Record<string, unknown>,
): Record<string, unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value))
      flatten(prefix ? `${prefix}.${key}` : key, inner, out);
  } else out[prefix] = value;
  return out;
}

export default defineCommand({
  meta: {
    name: 'diff',
    description: 'Compare the metrics and params of two versions side by side',
  },
  args: {
    ...commonArgs,
    name: { type: 'positional', required: true, description: 'Model name' },
    a: { type: 'positional', required: true, description: 'First version' },
    b: { type: 'positional', required: true, description: 'Second version' },
    all: { type: 'boolean', default: false, description: 'Show unchanged params too' },
  },
  async run({ args }) {
    const [a, b] = [parseVersionArg(args.a), parseVersionArg(args.b)];
    const registry = await openFromArgs(args);
    const [va, vb] = await Promise.all([
      registry.getVersion(args.name, { version: a }),
      registry.getVersion(args.name, { version: b }),
    ]);
    const left = flatten(
      '',
      { metrics: va.metrics, params: va.params, data: { md5: va.data.md5 } },
      {},
    );
    const right = flatten(
      '',
      { metrics: vb.metrics, params: vb.params, data: { md5: vb.data.md5 } },
      {},
    );
    const keys = [...new Set([...Object.keys(left), ...Object.keys(right)])];
    const rows = keys
      .map((key) => {
        const [x, y] = [left[key], right[key]];
        const delta = typeof x === 'number' && typeof y === 'number' ? y - x : null;
        return {
          key,
          [`v${a}`]: x ?? null,
          [`v${b}`]: y ?? null,
          delta,
          changed: JSON.stringify(x) !== JSON.stringify(y),
        };
      })
      .filter((row) => row.key.startsWith('metrics.') || row.changed || args.all);
    if (args.json) return printJson(rows);
    printTable(
      ['KEY', `V${a}`, `V${b}`, 'DELTA'],
      rows.map((row) => [
        row.key,
        formatMetric(row[`v${a}`] ?? undefined),
        formatMetric(row[`v${b}`] ?? undefined),
        row.delta === null ? null : `${row.delta >= 0 ? '+' : ''}${formatMetric(row.delta)}`,
      ]),
    );
  },
});
