import { defineCommand } from 'citty';
import { commonArgs, openFromArgs } from '../cli-context.js';
import { formatMetric, printJson, printTable } from '../output.js';

export default defineCommand({
  meta: { name: 'list', description: 'List models, or the versions of one model' },
  args: { ...commonArgs, name: { type: 'positional', required: false, description: 'Model name' } },
  async run({ args }) {
    const registry = await openFromArgs(args);
    if (!args.name) {
      const models = await registry.listModels();
      if (args.json) return printJson(models);
      return printTable(
        ['MODEL', 'LATEST', 'PRODUCTION', 'VERSIONS'],
        models.map((m) => [m.name, m.latest, m.production, m.versions]),
      );
    }
    const versions = await registry.listVersions(args.name);
    if (args.json) return printJson(versions);
    const metricNames = [...new Set(versions.flatMap((v) => Object.keys(v.metrics)))].slice(0, 4);
    printTable(
      [
        'VERSION',
        'STAGE',
        'ALIASES',
        'REGISTERED',
        'BY',
        ...metricNames.map((m) => m.toUpperCase()),
      ],
      versions.map((v) => [
        v.version,
        v.stage,
        v.aliases.join(',') || null,
        v.registeredAt.slice(0, 19).replace('T', ' '),
        v.registeredBy,
        ...metricNames.map((m) => formatMetric(v.metrics[m])),
      ]),
    );
  },
});
