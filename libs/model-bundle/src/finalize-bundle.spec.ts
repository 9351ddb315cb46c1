import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BundleMetadata } from './bundle-types.js';
import { BUNDLE_FORMAT_VERSION } from './bundle-types.js';
import { finalizeBundle } from './finalize-bundle.js';
import { computeContentHash, hashBundleFiles } from './hash-bundle-files.js';
import { readBundleMetadata } from './load-bundle-json.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bundle-'));
  await mkdir(join(dir, 'tfjs'));
  await writeFile(join(dir, 'tfjs/model.json'), '{}');
  await writeFile(join(dir, 'b.txt'), 'hello');
  await writeFile(join(dir, 'a.txt'), '');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const baseMetadata: Omit<BundleMetadata, 'files'> = {
  formatVersion: BUNDLE_FORMAT_VERSION,
  name: 'm',
  version: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  git: { commit: null, dirty: false },
  data: { path: 'd.csv', md5: 'x', dvcFile: null, rows: 1 },
  target: { column: 'y', positive: '1' },
  params: {},
  metrics: {},
  backend: 'cpu',
  libraries: {},
  gate: null,
};

test('hashBundleFiles lists every file by sorted POSIX path with sha256 and size', async () => {
  await writeFile(join(dir, 'metadata.json'), '{}');
  expect(await hashBundleFiles(dir)).toEqual({
    'a.txt': {
      sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      size: 0,
    },
    'b.txt': {
      sha256: '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824',
      size: 5,
    },
    'tfjs/model.json': { sha256: expect.stringMatching(/^[0-9a-f]{64}$/), size: 2 },
  });
});

test('finalizeBundle writes metadata.json with the files map and leaves no temporary file', async () => {
  const written = await finalizeBundle(dir, baseMetadata);
  expect(await readBundleMetadata(dir)).toEqual(written);
  expect(Object.keys(written.files)).toEqual(['a.txt', 'b.txt', 'tfjs/model.json']);
  expect((await readdir(dir)).sort()).toEqual(['a.txt', 'b.txt', 'metadata.json', 'tfjs']);
  expect(await readFile(join(dir, 'metadata.json'), 'utf8')).toMatch(/\n$/);
});

test('the content hash depends on the files, not on the order they were listed in', () => {
  const a = { sha256: 'aa', size: 1 };
  const b = { sha256: 'bb', size: 2 };
  expect(computeContentHash({ x: a, y: b })).toBe(computeContentHash({ y: b, x: a }));
  expect(computeContentHash({ x: a, y: b })).not.toBe(computeContentHash({ x: b, y: a }));
});
