import { appendFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commitDvcOut } from './commit-dvc-out.js';
import { DataMissingError, DataVersionMismatchError } from './errors.js';
import { checkDvcOut, verifyDvcOut } from './verify-dvc-out.js';

async function createProject(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'verify-dvc-out-'));
  await mkdir(join(root, '.dvc'));
  await mkdir(join(root, 'data', 'subdir'), { recursive: true });
  await writeFile(join(root, 'data', 'file'), 'file');
  await writeFile(join(root, 'data', 'subdir', 'subfile'), 'subfile');
  await writeFile(
    join(root, 'data.dvc'),
    'outs:\n- md5: b6dcab6ccd17ca0a8bf4a215a37d14cc.dir\n  size: 11\n  nfiles: 2\n  hash: md5\n  path: data\n',
  );
  return root;
}

describe('verifyDvcOut', () => {
  it('returns the data version when the data matches', async () => {
    const root = await createProject();
    await expect(verifyDvcOut(join(root, 'data.dvc'))).resolves.toEqual({
      md5: 'b6dcab6ccd17ca0a8bf4a215a37d14cc.dir',
      path: 'data',
      absolutePath: join(root, 'data'),
      size: 11,
      nfiles: 2,
    });
  });

  it('verifies a single-file out', async () => {
    const root = await mkdtemp(join(tmpdir(), 'verify-dvc-out-'));
    await writeFile(join(root, 'model.pkl'), 'foo');
    await writeFile(
      join(root, 'model.pkl.dvc'),
      'outs:\n- md5: acbd18db4cc2f85cedef654fccc4a4d8\n  size: 3\n  hash: md5\n  path: model.pkl\n',
    );
    await expect(verifyDvcOut(join(root, 'model.pkl.dvc'))).resolves.toMatchObject({
      md5: 'acbd18db4cc2f85cedef654fccc4a4d8',
      size: 3,
    });
  });

  it('throws a mismatch naming both hashes when a file changed', async () => {
    const root = await createProject();
    await appendFile(join(root, 'data', 'file'), '!');
    const error = await verifyDvcOut(join(root, 'data.dvc')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DataVersionMismatchError);
    expect(error).toMatchObject({
      code: 'E_DATA_VERSION_MISMATCH',
      expected: 'b6dcab6ccd17ca0a8bf4a215a37d14cc.dir',
      path: 'data',
    });
    expect((error as DataVersionMismatchError).actual).not.toBe(
      'b6dcab6ccd17ca0a8bf4a215a37d14cc.dir',
    );
  });

  it('names the files that changed when the recorded listing is known', async () => {
    const root = await createProject();
    await commitDvcOut(join(root, 'data.dvc'));
    await appendFile(join(root, 'data', 'file'), '!');
    await writeFile(join(root, 'data', 'new.csv'), 'x');
    await rm(join(root, 'data', 'subdir', 'subfile'));
    const check = await checkDvcOut(join(root, 'data.dvc'));
    expect(check).toMatchObject({
      status: 'changed',
      changes: {
        modified: ['data/file'],
        added: ['data/new.csv'],
        removed: ['data/subdir/subfile'],
      },
    });
  });

  it('throws DataMissingError when the tracked folder is absent', async () => {
    const root = await createProject();
    await rm(join(root, 'data'), { recursive: true });
    await expect(verifyDvcOut(join(root, 'data.dvc'))).rejects.toBeInstanceOf(DataMissingError);
  });
});

describe('DataVersionMismatchError', () => {
  it('says which file, both hashes, what changed and how to fix it', () => {
    const error = new DataVersionMismatchError(
      'data.dvc',
      'data',
      '0a80eaed730fdcfeb94bd4e5405c5f03.dir',
      '6646dac900136686e98ba4ef9253d751.dir',
      {
        modified: ['data/churn.csv'],
        added: ['data/a', 'data/b', 'data/c', 'data/d'],
        removed: [],
      },
    );
    expect(error.message).toMatchInlineSnapshot(
      `"data does not match data.dvc: expected md5 0a80eaed730fdcfeb94bd4e5405c5f03.dir, found 6646dac900136686e98ba4ef9253d751.dir (modified: data/churn.csv; added: data/a, data/b, data/c and 1 more). Run \`dvc pull\` (or \`modelship data prepare\`) to restore the recorded version, or \`modelship data commit\` (or \`dvc add data\`) to record the data on disk as a new version."`,
    );
  });
});
