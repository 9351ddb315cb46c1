import { appendFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataVersionMismatchError } from '@modelship/data-versioning';
import type { Params } from '@modelship/params';
import { prepareData } from './prepare-data.js';
import type { StepContext } from './step-context.js';
import { verifyData } from './verify-data.js';

async function createPreparedWorkspace(): Promise<StepContext> {
  const root = await mkdtemp(join(tmpdir(), 'verify-data-'));
  const data: Params['data'] = {
    path: 'data/churn.csv',
    dvc: 'data.dvc',
    schema: 'schema.json',
    target: 'churned',
    sample: { generator: 'churn', rows: 100, seed: 7 },
  };
  const ctx: StepContext = { root, params: { data } as Params, log: () => undefined };
  await prepareData(ctx);
  return ctx;
}

describe('verifyData', () => {
  it('returns the data version recorded in data.dvc', async () => {
    const ctx = await createPreparedWorkspace();
    const version = await verifyData(ctx);
    expect(version).toEqual({
      md5: expect.stringMatching(/^[0-9a-f]{32}\.dir$/),
      path: 'data/churn.csv',
      dvcFile: 'data.dvc',
      trackedPath: 'data',
      size: expect.any(Number),
      nfiles: 1,
    });
  });

  it('throws DataVersionMismatchError naming the changed file', async () => {
    const ctx = await createPreparedWorkspace();
    await appendFile(join(ctx.root, 'data', 'churn.csv'), 'extra\n');
    const error = await verifyData(ctx).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DataVersionMismatchError);
    expect((error as Error).message).toContain('(modified: data/churn.csv)');
  });

  it('refuses a data.path outside the folder data.dvc tracks', async () => {
    const ctx = await createPreparedWorkspace();
    ctx.params.data.path = 'elsewhere/churn.csv';
    await expect(verifyData(ctx)).rejects.toMatchObject({ code: 'E_DATA_NOT_TRACKED' });
  });
});
