import { defineCommand } from 'citty';
import {
  commonArgs,
  openFromArgs,
  parseSelector,
  parseVersionArg,
  selectorArgs,
} from '../cli-context.js';
import { formatBytes, formatMetric, printJson, printTable } from '../output.js';

export default defineCommand({
  meta: { name: 'show', description: 'Show one version: stage, provenance, metrics and files' },
  args: {
    ...commonArgs,
    ...selectorArgs,
    name: { type: 'positional', required: true, description: 'Model name' },
    ver: { type: 'positional', required: false, description: 'Version (or use --stage / --alias)' },
  },
  async run({ args }) {
    const registry = await openFromArgs(args);
    const selector = args.ver ? { version: parseVersionArg(args.ver) } : parseSelector(args);
    const v = await registry.getVersion(args.name, selector);
    if (args.json) return printJson(v);
    const bytes = Object.values(v.files).reduce((sum, f) => sum + f.size, 0);
    printTable(
      ['FIELD', 'VALUE'],
      [
        ['model', `${v.name} v${v.version}`],
        ['stage', v.stage],
        ['aliases', v.aliases.join(', ') || null],
        ['registered', `${v.registeredAt} by ${v.registeredBy}${v.reason ? ` (${v.reason})` : ''}`],
        ['git', `${v.git.commit ?? 'unknown'}${v.git.dirty ? ' (dirty)' : ''}`],
        ['ci build', v.ci?.buildUrl],
        ['data', `${v.data.path} md5 ${v.data.md5} (${v.data.rows} rows)`],
        ['gate', v.gate ? (v.gate.passed ? 'passed' : 'failed') : null],
        ['content', v.contentHash],
        ['files', `${Object.keys(v.files).length} files, ${formatBytes(bytes)}`],
        ...Object.entries(v.metrics).map(([k, value]) => [`metrics.${k}`, formatMetric(value)]),
        ...Object.entries(v.libraries).map(([k, value]) => [`library ${k}`, value]),
      ],
    );
  },
});
