import { defineCommand } from 'citty';
import { actorArgs, commonArgs, openFromArgs, parseVersionArg } from '../cli-context.js';
import { parseStage } from '../../transitions.js';
import { printTransitions } from './print-transitions.js';

export default defineCommand({
  meta: {
    name: 'promote',
    description: 'Move a version to a stage (production archives the previous one)',
  },
  args: {
    ...commonArgs,
    ...actorArgs,
    name: { type: 'positional', required: true, description: 'Model name' },
    ver: { type: 'positional', required: true, description: 'Version' },
    stage: {
      type: 'positional',
      required: true,
      description: 'none, staging, production or archived',
    },
  },
  async run({ args }) {
    const version = parseVersionArg(args.ver);
    const stage = parseStage(args.stage);
    const registry = await openFromArgs(args);
    printTransitions(
      args,
      await registry.promote(args.name, version, stage, { by: args.by, reason: args.reason }),
    );
  },
});
