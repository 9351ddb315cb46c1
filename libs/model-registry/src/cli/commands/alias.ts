import { defineCommand } from 'citty';
import { actorArgs, commonArgs, openFromArgs, parseVersionArg } from '../cli-context.js';
import { InvalidInputError } from '../../registry-errors.js';
import { printTransitions } from './print-transitions.js';

export default defineCommand({
  meta: {
    name: 'alias',
    description: 'Point an alias (champion, challenger, ...) at a version, or --delete it',
  },
  args: {
    ...commonArgs,
    ...actorArgs,
    name: { type: 'positional', required: true, description: 'Model name' },
    alias: { type: 'positional', required: true, description: 'Alias' },
    ver: { type: 'positional', required: false, description: 'Version' },
    delete: { type: 'boolean', default: false, description: 'Remove the alias' },
  },
  async run({ args }) {
    if (!args.delete && args.ver === undefined)
      throw new InvalidInputError(null, 'Give a version, or --delete to remove the alias.');
    const version = args.delete ? null : parseVersionArg(args.ver);
    const registry = await openFromArgs(args);
    printTransitions(
      args,
      await registry.setAlias(args.name, args.alias, version, { by: args.by, reason: args.reason }),
    );
  },
});
