import { defineCommand } from 'citty';
import { commonArgs, openFromArgs } from '../cli-context.js';
import { printJson, printTable } from '../output.js';

export default defineCommand({
  meta: {
    name: 'history',
    description: 'Every registration and stage change of a model: who, when, why',
  },
  args: { ...commonArgs, name: { type: 'positional', required: true, description: 'Model name' } },
  async run({ args }) {
    const registry = await openFromArgs(args);
    const events = await registry.history(args.name);
    if (args.json) return printJson(events);
    printTable(
      ['AT', 'ACTION', 'VERSION', 'CHANGE', 'BY', 'REASON'],
      events.map((e) => [
        e.at,
        e.action,
        e.version,
        e.alias ? `alias ${e.alias}` : e.action === 'register' ? null : `${e.from} -> ${e.to}`,
        e.by,
        e.reason,
      ]),
    );
  },
});
