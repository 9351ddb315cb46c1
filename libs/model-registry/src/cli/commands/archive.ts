import { defineCommand } from 'citty';
import { actorArgs, commonArgs, openFromArgs, parseVersionArg } from '../cli-context.js';
import { printTransitions } from './print-transitions.js';

export default defineCommand({
  meta: { name: 'archive', description: 'Archive a version' },
  args: {
    ...commonArgs,
    ...actorArgs,
    name: { type: 'positional', required: true, description: 'Model name' },
    ver: { type: 'positional', required: true, description: 'Version' },
  },
  async run({ args }) {
    const version = parseVersionArg(args.ver);
    const registry = await openFromArgs(args);
    printTransitions(
      args,
      await registry.archive(args.name, version, { by: args.by, reason: args.reason }),
    );
  },
});
