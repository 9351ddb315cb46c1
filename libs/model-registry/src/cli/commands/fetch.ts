import { defineCommand } from 'citty';
import { commonArgs, openFromArgs, parseSelector, selectorArgs } from '../cli-context.js';
import { printJson, printLine } from '../output.js';

export default defineCommand({
  meta: { name: 'fetch', description: 'Download a version into a folder, verifying every sha256' },
  args: {
    ...commonArgs,
    ...selectorArgs,
    name: { type: 'positional', required: true, description: 'Model name' },
    dest: {
      type: 'string',
      required: true,
      description: 'Destination folder (created; must be empty unless --force)',
    },
    force: { type: 'boolean', default: false, description: 'Replace a non-empty destination' },
  },
  async run({ args }) {
    const selector = parseSelector(args);
    const registry = await openFromArgs(args);
    const version = await registry.fetchModel(args.name, selector, args.dest, {
      force: args.force,
    });
    if (args.json)
      return printJson({
        name: version.name,
        version: version.version,
        stage: version.stage,
        dest: args.dest,
      });
    printLine(
      `Fetched ${version.name} v${version.version} (${version.stage}) into ${args.dest}; every sha256 verified.`,
    );
  },
});
