// The `modelship` command line: every pipeline step, runnable alone (Nx targets call these).
import { defineCommand, runMain } from 'citty';
import { commands } from './commands/index.js';

const main = defineCommand({
  meta: {
    name: 'modelship',
    description: 'Version, validate, train, evaluate, gate and register tabular models.',
  },
  subCommands: commands,
});

await runMain(main);
