import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashFile } from './hash-file.js';

// Expected values computed once with `printf '...' | md5sum`.
describe('hashFile', () => {
  it.each([
    ['foo', 'foo', 'acbd18db4cc2f85cedef654fccc4a4d8', 3],
    ['an empty file', '', 'd41d8cd98f00b204e9800998ecf8427e', 0],
    ['LF line ends', 'a\nb\n', 'dd8c6a395b5dd36c56d23275028f526c', 4],
    ['CRLF line ends, not normalised (DVC 3)', 'a\r\nb\r\n', '59b0d7772f0561efb95518f3cb8abc60', 6],
  ])('gives the plain MD5 and size of %s', async (_name, content, md5, size) => {
    const dir = await mkdtemp(join(tmpdir(), 'hash-file-'));
    await writeFile(join(dir, 'file'), content);
    await expect(hashFile(join(dir, 'file'))).resolves.toEqual({ md5, size });
  });

  it('streams files larger than one read chunk', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hash-file-'));
    await writeFile(join(dir, 'big'), Buffer.alloc(3 * 1024 * 1024 + 7, 'x'));
    const { size } = await hashFile(join(dir, 'big'));
    expect(size).toBe(3 * 1024 * 1024 + 7);
  });
});
