import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { checkDvcOut, commitDvcOut, DataVersioningError, runDvc } from '@modelship/data-versioning';
import { sampleGenerators } from '@modelship/sample-data';
import { resolveFromRoot } from '@modelship/params';
import type { Params } from '@modelship/params';
import type { StepContext } from './step-context.js';

/** What `prepareData` did to get the data in place. */
export interface PreparedData {
  action: 'up-to-date' | 'generated' | 'pulled' | 'recorded';
  /** The data version on disk, when known without another hash. */
  md5?: string;
}

/**
 * Puts the data `data.dvc` records on disk: nothing to do when it already matches; otherwise
 * the sample is generated (params.yaml `data.sample`) or fetched with `dvc pull`. Without a
 * `.dvc` file yet, the data on disk (or the generated sample) is recorded as the first version.
 */
export async function prepareData(ctx: StepContext): Promise<PreparedData> {
  const { data } = ctx.params;
  const dvcFile = resolveFromRoot(ctx.root, data.dvc);
  if (!existsSync(dvcFile)) return recordFirstVersion(ctx, dvcFile);

  const check = await checkDvcOut(dvcFile);
  if (check.status === 'match') {
    ctx.log(`data is up to date with ${data.dvc} (md5 ${check.version.md5})`);
    return { action: 'up-to-date', md5: check.version.md5 };
  }
  const reason =
    check.status === 'missing'
      ? `${check.out.path} is missing`
      : `${check.actual.path} has md5 ${check.actual.md5}, ${data.dvc} records ${check.expected}`;
  if (!data.sample) {
    ctx.log(`${reason}; running dvc pull`);
    await runDvc(['pull', relative(ctx.root, dvcFile)], { cwd: ctx.root });
    return { action: 'pulled' };
  }
  ctx.log(`${reason}; generating the sample`);
  await generateSample(ctx, data.sample);
  const after = await checkDvcOut(dvcFile);
  if (after.status === 'match') return { action: 'generated', md5: after.version.md5 };
  ctx.log(
    `the generated sample does not match ${data.dvc} (did data.sample change?); ` +
      'run `modelship data commit` to record it as the new version',
  );
  return { action: 'generated' };
}

async function recordFirstVersion(ctx: StepContext, dvcFile: string): Promise<PreparedData> {
  const { data } = ctx.params;
  const generated = !existsSync(resolveFromRoot(ctx.root, data.path));
  if (generated) {
    if (!data.sample) {
      throw new DataVersioningError(
        'E_NO_DATA',
        `Neither ${data.dvc} nor ${data.path} exists and params.yaml has no \`data.sample\`: ` +
          `put your CSV at ${data.path}, then run \`modelship data commit\` (or \`dvc add\`).`,
      );
    }
    await generateSample(ctx, data.sample);
  }
  const version = await commitDvcOut(dvcFile);
  ctx.log(
    `recorded ${version.path} as ${data.dvc} (md5 ${version.md5}); commit ${data.dvc} to git`,
  );
  return { action: generated ? 'generated' : 'recorded', md5: version.md5 };
}

async function generateSample(
  ctx: StepContext,
  sample: NonNullable<Params['data']['sample']>,
): Promise<void> {
  const generate = sampleGenerators[sample.generator];
  if (!generate) {
    throw new DataVersioningError(
      'E_UNKNOWN_SAMPLE',
      `params.yaml \`data.sample.generator\` is \`${sample.generator}\`; known generators: ` +
        `${Object.keys(sampleGenerators).join(', ')}.`,
    );
  }
  const started = performance.now();
  const { rows, bytes } = await generate(resolveFromRoot(ctx.root, ctx.params.data.path), {
    rows: sample.rows,
    seed: sample.seed,
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  ctx.log(
    `generated ${ctx.params.data.path}: ${rows.toLocaleString('en-US')} rows, ` +
      `${(bytes / 1e6).toFixed(1)} MB, seed ${sample.seed} (${seconds} s)`,
  );
}
