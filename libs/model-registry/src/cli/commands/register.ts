import { defineCommand } from 'citty';
import { actorArgs, commonArgs, openFromArgs } from '../cli-context.js';
import { printJson, printLine } from '../output.js';

export default defineCommand({
  meta: {
    name: 'register',
    description: 'Verify a bundle folder and register it as the next version',
  },
  args: {
    ...commonArgs,
    ...actorArgs,
    bundle: {
      type: 'positional',
      required: true,
      description: 'Bundle folder (holding metadata.json)',
    },
    name: { type: 'string', description: "Model name (default: the bundle's metadata.name)" },
    'allow-existing': {
      type: 'boolean',
      default: false,
      description: 'Succeed with the existing version when this bundle is already registered',
    },
  },
  async run({ args }) {
    const registry = await openFromArgs(args);
    const result = await registry.registerModel(args.bundle, {
      name: args.name,
      registeredBy: args.by,
      reason: args.reason,
      allowExisting: args['allow-existing'],
    });
    if (args.json)
      return printJson({ created: result.created, retries: result.retries, ...result.version });
    const { name, version } = result.version;
    printLine(
      result.created
        ? `Registered ${name} v${version} in ${registry.url}. Next: modelship-registry promote ${name} ${version} staging`
        : `Already registered as ${name} v${version} in ${registry.url}; nothing changed.`,
    );
  },
});
