import { defineCommand } from 'citty';
import { commonArgs, openFromArgs } from '../cli-context.js';
import { InvalidInputError } from '../../registry-errors.js';
import { formatBytes, printJson, printLine } from '../output.js';

export default defineCommand({
  meta: {
    name: 'gc',
    description: 'Remove uploads no version references (left by crashed registrations)',
  },
  args: {
    ...commonArgs,
    'older-than': {
      type: 'string',
      default: '60',
      description: 'Only uploads older than this many minutes',
    },
    'dry-run': { type: 'boolean', default: false, description: 'List what would be removed' },
  },
  async run({ args }) {
    const minutes = Number(args['older-than']);
    if (!Number.isFinite(minutes) || minutes < 0)
      throw new InvalidInputError(
        args['older-than'],
        `--older-than must be a number of minutes, got ${JSON.stringify(args['older-than'])}.`,
      );
    const registry = await openFromArgs(args);
    const report = await registry.collectGarbage({
      olderThanMs: minutes * 60_000,
      dryRun: args['dry-run'],
    });
    if (args.json) return printJson(report);
    const bytes = report.removed.reduce((sum, r) => sum + r.bytes, 0);
    printLine(
      `${args['dry-run'] ? 'Would remove' : 'Removed'} ${report.removed.length} orphaned upload(s), ${formatBytes(bytes)}, and ${report.removedClaims.length} unsettled content claim(s).`,
    );
  },
});
