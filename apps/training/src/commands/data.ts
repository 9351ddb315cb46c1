import { existsSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type { CommandDef } from 'citty';
import { defineCommand } from 'citty';
import { commitDvcOut, readDvcFile, runDvc } from '@modelship/data-versioning';
import { resolveFromRoot } from '@modelship/params';
import { prepareData } from '../steps/prepare-data.js';
import type { StepContext } from '../steps/step-context.js';
import { createStepContext } from '../steps/step-context.js';
import { verifyData } from '../steps/verify-data.js';
import { exitOnExpectedError } from './_exit-on-error.js';

// `modelship data <sub-command>`: the data's version, with or without DVC installed.
// extract, prepare, verify and commit are native; pull, push, add and status call the dvc CLI.
export default defineCommand({
  meta: { name: 'data', description: 'Get, check and version the dataset (data.dvc).' },
  subCommands: {
    extract: () => import('./data-extract.js').then((m) => m.default),
    prepare: defineDataCommand(
      'Put the data data.dvc records on disk: nothing if it matches, else generate the sample or dvc pull.',
      async (ctx) => {
        const { action } = await prepareData(ctx);
        ctx.log(`prepare: ${action}; next: npx modelship data verify`);
      },
    ),
    verify: defineDataCommand(
      'Check the data on disk against data.dvc; print its md5 (the data version).',
      async (ctx) => {
        const version = await verifyData(ctx);
        process.stdout.write(`${version.md5}\n`);
      },
    ),
    commit: defineDataCommand(
      'Record the data on disk as the new version in data.dvc, natively (no DVC needed).',
      async (ctx) => {
        const dvcFile = resolveFromRoot(ctx.root, ctx.params.data.dvc);
        const version = await commitDvcOut(dvcFile);
        ctx.log(`wrote ${ctx.params.data.dvc}: ${version.path} is md5 ${version.md5}`);
        ctx.log(
          `next: git add ${ctx.params.data.dvc}, then dvc add ${version.path} && dvc push to share the data`,
        );
      },
    ),
    pull: defineDvcCommand('Fetch the data from the DVC remote (dvc pull).', (ctx) => [
      'pull',
      dvcFileArg(ctx),
    ]),
    push: defineDvcCommand('Upload the data to the DVC remote (dvc push).', (ctx) => [
      'push',
      dvcFileArg(ctx),
    ]),
    add: defineDvcCommand("Version the data folder with DVC's cache (dvc add).", async (ctx) => [
      'add',
      await trackedPath(ctx),
    ]),
    status: defineDvcCommand(
      'Show what changed against data.dvc and the remote (dvc status).',
      (ctx) => ['status', dvcFileArg(ctx)],
    ),
  },
});

function defineDataCommand(
  description: string,
  run: (ctx: StepContext) => Promise<void>,
): CommandDef {
  return defineCommand({
    meta: { description },
    async run() {
      try {
        await run(createStepContext());
      } catch (error) {
        exitOnExpectedError('data', error, 1);
      }
    },
  });
}

function defineDvcCommand(
  description: string,
  buildArgs: (ctx: StepContext) => string[] | Promise<string[]>,
): CommandDef {
  return defineDataCommand(description, async (ctx) => {
    await runDvc(await buildArgs(ctx), { cwd: ctx.root });
  });
}

function dvcFileArg(ctx: StepContext): string {
  return relative(ctx.root, resolveFromRoot(ctx.root, ctx.params.data.dvc));
}

// `dvc add` takes the tracked folder, which data.dvc names (`data` for a new data.dvc).
async function trackedPath(ctx: StepContext): Promise<string> {
  const dvcFile = resolveFromRoot(ctx.root, ctx.params.data.dvc);
  if (existsSync(dvcFile)) {
    const out = (await readDvcFile(dvcFile)).outs[0];
    return relative(ctx.root, resolve(dirname(dvcFile), out.path));
  }
  return dvcFileArg(ctx).replace(/\.dvc$/, '');
}
