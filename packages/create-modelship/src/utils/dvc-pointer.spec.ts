import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFiles } from '../../test/test-context.js';
import { describeDvcDirectory, describeDvcFile, formatDvcFile } from './dvc-pointer.js';

// Expected hashes computed with Python's hashlib and json.dumps(sort_keys=True), as DVC 3 does.
let folder: string;
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'dvc-pointer-'));
  writeFiles(folder, {
    'sales.csv': 'id,x,y\n1,2,yes\n',
    'b.csv': 'id,x,y\n1,2,yes\n',
    'a/é.csv': '',
  });
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('DVC 3 pointers', () => {
  it('hashes one file as the plain md5 of its bytes', async () => {
    expect(await describeDvcFile(join(folder, 'sales.csv'), 'data/sales.csv')).toEqual({
      md5: '43cb1b8d9738910223c02368860191fe',
      size: 15,
      hash: 'md5',
      path: 'data/sales.csv',
    });
  });

  it('hashes a folder as the md5 of its sorted JSON listing, with .dir', async () => {
    const out = await describeDvcDirectory(folder, 'data', ['sales.csv']);
    expect(out).toEqual({
      md5: '56b23405f1677cb147888a501f11ac64.dir',
      size: 15,
      nfiles: 1,
      hash: 'md5',
      path: 'data',
    });
  });

  it('sorts the listing and escapes non-ASCII paths like Python', async () => {
    const out = await describeDvcDirectory(folder, 'data', ['b.csv', 'a/é.csv']);
    expect(out.md5).toBe('d8324631c24e81599390f4c466a8adc3.dir');
    expect(out.nfiles).toBe(2);
  });

  it('writes the .dvc file in DVC key order', () => {
    const text = formatDvcFile({ md5: 'abc.dir', size: 3, nfiles: 1, hash: 'md5', path: 'data' });
    expect(text).toMatchInlineSnapshot(`
      "outs:
      - md5: abc.dir
        size: 3
        nfiles: 1
        hash: md5
        path: data
      "
    `);
  });
});
