import { existsSync } from 'node:fs';
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Params } from '@modelship/params';
import { prepareData } from './prepare-data.js';
import type { StepContext } from './step-context.js';

async function createWorkspace(sample: Params['data']['sample'] | undefined): Promise<StepContext> {
  const root = await mkdtemp(join(tmpdir(), 'prepare-data-'));
  const data: Params['data'] = {
    path: 'data/churn.csv',
    dvc: 'data.dvc',
    schema: 'schema.json',
    target: 'churned',
  };
  if (sample) data.sample = sample;
  return { root, params: { data } as Params, log: () => undefined };
}

const SAMPLE = { generator: 'churn', rows: 200, seed: 42 };

describe('prepareData', () => {
  it('generates the sample and records data.dvc on the first run', async () => {
    const ctx = await createWorkspace(SAMPLE);
    await expect(prepareData(ctx)).resolves.toMatchObject({ action: 'generated' });
    expect(existsSync(join(ctx.root, 'data', 'churn.csv'))).toBe(true);
    expect(await readFile(join(ctx.root, 'data.dvc'), 'utf8')).toMatch(
      /^outs:\n- md5: [0-9a-f]{32}\.dir\n {2}size: \d+\n {2}nfiles: 1\n {2}hash: md5\n {2}path: data\n$/,
    );
  });

  it('does nothing when the data already matches data.dvc', async () => {
    const ctx = await createWorkspace(SAMPLE);
    const first = await prepareData(ctx);
    await expect(prepareData(ctx)).resolves.toEqual({ action: 'up-to-date', md5: first.md5 });
  });

  it('regenerates the sample when the data on disk no longer matches', async () => {
    const ctx = await createWorkspace(SAMPLE);
    const first = await prepareData(ctx);
    await appendFile(join(ctx.root, 'data', 'churn.csv'), 'tampered\n');
    await expect(prepareData(ctx)).resolves.toEqual({ action: 'generated', md5: first.md5 });
  });

  it('records data the user brought when there is no data.dvc and no sample', async () => {
    const ctx = await createWorkspace(SAMPLE);
    await prepareData(ctx);
    await rm(join(ctx.root, 'data.dvc'));
    delete ctx.params.data.sample;
    await expect(prepareData(ctx)).resolves.toMatchObject({ action: 'recorded' });
  });

  it('runs dvc pull without a sample, with the install hint when DVC is missing', async () => {
    const ctx = await createWorkspace(SAMPLE);
    await prepareData(ctx);
    await rm(join(ctx.root, 'data'), { recursive: true });
    delete ctx.params.data.sample;
    const path = process.env['PATH'];
    process.env['PATH'] = dirname(process.execPath);
    try {
      await expect(prepareData(ctx)).rejects.toMatchObject({ code: 'E_DVC_NOT_INSTALLED' });
    } finally {
      process.env['PATH'] = path;
    }
  });

  it('says what to do when there is neither data nor a sample', async () => {
    const ctx = await createWorkspace(undefined);
    await expect(prepareData(ctx)).rejects.toThrow(
      'Neither data.dvc nor data/churn.csv exists and params.yaml has no `data.sample`: put your CSV at data/churn.csv, then run `modelship data commit` (or `dvc add`).',
    );
  });

  it('names the known generators when params.yaml asks for an unknown one', async () => {
    const ctx = await createWorkspace({ generator: 'loans', rows: 10, seed: 1 });
    await expect(prepareData(ctx)).rejects.toThrow(
      'params.yaml `data.sample.generator` is `loans`; known generators: churn.',
    );
  });
});
