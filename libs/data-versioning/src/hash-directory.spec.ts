import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { digestTree, hashDirectory } from './hash-directory.js';

async function createTree(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'hash-directory-'));
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
  return root;
}

describe('hashDirectory', () => {
  // Both expected hashes are asserted by DVC's own tests (dvc/testing/workspace_tests.py:
  // test_import_dir and test_import_url_to_remote_dir build exactly these trees).
  it.each([
    [
      'file + subdir/subfile',
      { file: 'file', 'subdir/subfile': 'subfile' },
      'b6dcab6ccd17ca0a8bf4a215a37d14cc.dir',
      11,
      2,
    ],
    [
      'foo, bar, sub_dir/baz',
      { foo: 'foo', bar: 'bar', 'sub_dir/baz': 'sub_dir/baz' },
      '55d05978954d1b2cd7b06aedda9b9e43.dir',
      17,
      3,
    ],
  ])('matches the hash DVC gives %s', async (_name, files, md5, size, nfiles) => {
    const dir = await createTree(files);
    await expect(hashDirectory(dir, { ignoreRoot: dir })).resolves.toMatchObject({
      md5,
      size,
      nfiles,
    });
  });

  it('hashes the Python json.dumps text of the sorted listing, non-ASCII names escaped', async () => {
    // md5sum of the hand-written text:
    // [{"md5": "5d02e4d2354eae28589766cca211477d", "relpath": "a.csv"}, {"md5": "2c392b077cb76c7f3d33d156372ea9e9", "relpath": "sub/\u00e9t\u00e9.csv"}]
    const dir = await createTree({ 'sub/été.csv': 'été\n', 'a.csv': 'id,x\n1,2\n' });
    const tree = await hashDirectory(dir, { ignoreRoot: dir });
    expect(tree.md5).toBe('fbafead3507cb950f5f4ecdcf3892983.dir');
    expect(tree.entries.map((entry) => entry.relpath)).toEqual(['a.csv', 'sub/été.csv']);
  });

  it('gives an empty directory the hash of "[]"', async () => {
    const dir = await createTree({});
    await expect(hashDirectory(dir, { ignoreRoot: dir })).resolves.toMatchObject({
      md5: 'd751713988987e9331980363e24189ce.dir',
      size: 0,
      nfiles: 0,
    });
  });

  it('leaves out what .dvcignore at the DVC root excludes, and .git folders', async () => {
    const root = await createTree({
      '.dvc/config': '',
      '.dvcignore': '# comment\n*.tmp\n/data/scratch/\n',
      'data/file': 'file',
      'data/subdir/subfile': 'subfile',
      'data/part.tmp': 'half',
      'data/scratch/notes': 'x',
      'data/.git/HEAD': 'ref',
    });
    const tree = await hashDirectory(join(root, 'data'));
    expect(tree.md5).toBe('b6dcab6ccd17ca0a8bf4a215a37d14cc.dir');
  });
});

describe('digestTree', () => {
  it('does not depend on the order of the entries', () => {
    const entries = [
      { relpath: 'subdir/subfile', md5: '293b26bf46281c75310f75c336661a05' },
      { relpath: 'file', md5: '8c7dd922ad47494fc02c388e12c00eac' },
    ];
    expect(digestTree(entries)).toBe('b6dcab6ccd17ca0a8bf4a215a37d14cc.dir');
    expect(digestTree([...entries].reverse())).toBe('b6dcab6ccd17ca0a8bf4a215a37d14cc.dir');
  });
});
