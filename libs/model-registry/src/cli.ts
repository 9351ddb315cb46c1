#!/usr/bin/env -S node --import tsx
// `modelship-registry`: list, show, register, promote, roll back, fetch and compare model versions.
// Exit codes: 0 ok, 1 refused, 2 bad usage or input, 3 not found, 4 store unreachable (cli/exit-codes.ts).
import { defineCommand, runCommand, runMain, showUsage } from 'citty';
import { commands } from './cli/commands/index.js';
import { describeFailure, EXIT } from './cli/exit-codes.js';
import { moveGlobalFlags } from './cli/move-global-flags.js';

const main = defineCommand({
  meta: {
    name: 'modelship-registry',
    description: 'The modelship model registry: versions, stages, aliases, history.',
  },
  subCommands: commands,
});

const rawArgs = moveGlobalFlags(process.argv.slice(2));
if (rawArgs.some((arg) => arg === '--help' || arg === '-h')) {
  await runMain(main, { rawArgs });
} else if (rawArgs.length === 0) {
  await showUsage(main);
  process.exitCode = EXIT.usage;
} else {
  try {
    await runCommand(main, { rawArgs });
  } catch (error) {
    const failure = describeFailure(error);
    process.stderr.write(`error: ${failure.line}\n`);
    if (!failure.expected && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    process.exitCode = failure.exitCode;
  }
}
