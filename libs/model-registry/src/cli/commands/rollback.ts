import { defineCommand } from 'citty';
import { actorArgs, commonArgs, openFromArgs } from '../cli-context.js';
import { printTransitions } from './print-transitions.js';

export default defineCommand({
  meta: { name: 'rollback', description: 'Return production to the previous production version' },
  args: {
    ...commonArgs,
    ...actorArgs,
    name: { type: 'positional', required: true, description: 'Model name' },
  },
  async run({ args }) {
    const registry = await openFromArgs(args);
    printTransitions(
      args,
      await registry.rollback(args.name, { by: args.by, reason: args.reason }),
    );
  },
});
