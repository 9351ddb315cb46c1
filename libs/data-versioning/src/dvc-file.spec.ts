import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DvcFileError } from './errors.js';
import { formatDvcFile, parseDvcFile, readDvcFile, writeDvcFile } from './dvc-file.js';

// Texts as DVC 3 writes them (`dvc add data`, `dvc add model.pkl`, `dvc import-url`).
const DIRECTORY_DVC = `outs:
- md5: b6dcab6ccd17ca0a8bf4a215a37d14cc.dir
  size: 11
  nfiles: 2
  hash: md5
  path: data
`;
const FILE_DVC = `outs:
- md5: acbd18db4cc2f85cedef654fccc4a4d8
  size: 3
  hash: md5
  path: model.pkl
`;
const IMPORT_DVC = `md5: 0123456789abcdef0123456789abcdef
frozen: true
deps:
- md5: b6dcab6ccd17ca0a8bf4a215a37d14cc.dir
  size: 11
  nfiles: 2
  hash: md5
  path: remote://workspace/dir
outs:
- md5: b6dcab6ccd17ca0a8bf4a215a37d14cc.dir
  size: 11
  nfiles: 2
  hash: md5
  path: dir
`;

describe('formatDvcFile', () => {
  it('writes a directory out with md5, size, nfiles, hash, path in that order', () => {
    const text = formatDvcFile({
      outs: [
        {
          path: 'data',
          hash: 'md5',
          nfiles: 2,
          size: 11,
          md5: 'b6dcab6ccd17ca0a8bf4a215a37d14cc.dir',
        },
      ],
    });
    expect(text).toBe(DIRECTORY_DVC);
  });

  it('writes a file out without nfiles', () => {
    const text = formatDvcFile({
      outs: [{ hash: 'md5', path: 'model.pkl', md5: 'acbd18db4cc2f85cedef654fccc4a4d8', size: 3 }],
    });
    expect(text).toBe(FILE_DVC);
  });

  it.each([
    ['a directory', DIRECTORY_DVC],
    ['a file', FILE_DVC],
    ['an import, keeping fields it does not know', IMPORT_DVC],
  ])('round-trips %s byte for byte', (_name, text) => {
    expect(formatDvcFile(parseDvcFile(text, 'x.dvc'))).toBe(text);
  });
});

describe('readDvcFile and writeDvcFile', () => {
  it('write what read returns, unchanged', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dvc-file-'));
    await writeFile(join(dir, 'data.dvc'), DIRECTORY_DVC);
    const file = await readDvcFile(join(dir, 'data.dvc'));
    await writeDvcFile(join(dir, 'copy.dvc'), file);
    expect(await readFile(join(dir, 'copy.dvc'), 'utf8')).toBe(DIRECTORY_DVC);
  });

  it.each([
    [
      'no outs',
      'md5: abc\n',
      'x.dvc: expected an `outs:` list with at least one entry, as `dvc add` writes.',
    ],
    ['an out without path', 'outs:\n- md5: abc\n', 'x.dvc: outs[0] has no `path`.'],
    ['broken YAML', 'outs: [\n', 'x.dvc: not valid YAML'],
  ])('refuse a file with %s', (_name, text, message) => {
    expect(() => parseDvcFile(text, 'x.dvc')).toThrow(DvcFileError);
    expect(() => parseDvcFile(text, 'x.dvc')).toThrow(message);
  });

  it('says how to create a missing .dvc file', async () => {
    await expect(readDvcFile('/nonexistent/data.dvc')).rejects.toThrow(
      '/nonexistent/data.dvc: file not found. Run `dvc add <data>` or `modelship data commit` to create it.',
    );
  });
});
