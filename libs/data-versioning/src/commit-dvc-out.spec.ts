import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commitDvcOut } from './commit-dvc-out.js';
import { verifyDvcOut } from './verify-dvc-out.js';

describe('commitDvcOut', () => {
  it('creates a .dvc file for a folder named like it, in DVC 3 format', async () => {
    const root = await mkdtemp(join(tmpdir(), 'commit-dvc-out-'));
    await mkdir(join(root, 'data', 'subdir'), { recursive: true });
    await writeFile(join(root, 'data', 'file'), 'file');
    await writeFile(join(root, 'data', 'subdir', 'subfile'), 'subfile');
    await commitDvcOut(join(root, 'data.dvc'));
    expect(await readFile(join(root, 'data.dvc'), 'utf8')).toBe(
      'outs:\n- md5: b6dcab6ccd17ca0a8bf4a215a37d14cc.dir\n  size: 11\n  nfiles: 2\n  hash: md5\n  path: data\n',
    );
  });

  it('updates hashes of an existing file and keeps its other fields', async () => {
    const root = await mkdtemp(join(tmpdir(), 'commit-dvc-out-'));
    await writeFile(join(root, 'model.pkl'), 'foo');
    await writeFile(
      join(root, 'model.pkl.dvc'),
      'outs:\n- md5: 00000000000000000000000000000000\n  size: 1\n  hash: md5\n  path: model.pkl\n  desc: the model\n',
    );
    const version = await commitDvcOut(join(root, 'model.pkl.dvc'));
    expect(version.md5).toBe('acbd18db4cc2f85cedef654fccc4a4d8');
    expect(await readFile(join(root, 'model.pkl.dvc'), 'utf8')).toBe(
      'outs:\n- md5: acbd18db4cc2f85cedef654fccc4a4d8\n  size: 3\n  hash: md5\n  path: model.pkl\n  desc: the model\n',
    );
    await expect(verifyDvcOut(join(root, 'model.pkl.dvc'))).resolves.toMatchObject({ size: 3 });
  });
});
