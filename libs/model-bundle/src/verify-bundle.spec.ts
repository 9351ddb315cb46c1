import { appendFile, mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BundleIntegrityError } from './bundle-errors.js';
import { writeSampleBundle } from './testing/write-sample-bundle.js';
import { verifyBundle } from './verify-bundle.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bundle-'));
  await writeSampleBundle(dir, { weightsKb: 4 });
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function verifyProblems(): Promise<unknown> {
  try {
    await verifyBundle(dir);
  } catch (error) {
    if (error instanceof BundleIntegrityError) return error.problems;
    throw error;
  }
  throw new Error('verifyBundle accepted a damaged bundle');
}

test('an intact bundle verifies and returns its metadata', async () => {
  const metadata = await verifyBundle(dir);
  expect(metadata.name).toBe('churn');
  expect(Object.keys(metadata.files)).toHaveLength(12);
});

test('a flipped byte is reported as a hash mismatch', async () => {
  const path = join(dir, 'model.onnx');
  const bytes = await readFile(path);
  bytes.writeUInt8(bytes.readUInt8(100) ^ 0xff, 100);
  await writeFile(path, bytes);
  expect(await verifyProblems()).toEqual([
    { kind: 'hash', path: 'model.onnx', expected: expect.any(String), actual: expect.any(String) },
  ]);
});

test('a truncated file is reported as a size mismatch', async () => {
  await truncate(join(dir, 'tfjs/group1-shard1of2.bin'), 10);
  expect(await verifyProblems()).toEqual([
    { kind: 'size', path: 'tfjs/group1-shard1of2.bin', expected: 2048, actual: 10 },
  ]);
});

test('a missing file and an unlisted file are both reported', async () => {
  await rm(join(dir, 'card.md'));
  await appendFile(join(dir, 'plots/extra.svg'), '<svg/>');
  expect(await verifyProblems()).toEqual([
    { kind: 'missing', path: 'card.md' },
    { kind: 'extra', path: 'plots/extra.svg' },
  ]);
});

test('the error message lists every problem and says what to do', async () => {
  await rm(join(dir, 'metrics.json'));
  await truncate(join(dir, 'model.onnx'), 3);
  const error = await verifyBundle(dir).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(BundleIntegrityError);
  expect((error as BundleIntegrityError).code).toBe('E_BUNDLE_INTEGRITY');
  expect((error as Error).message.replace(dir, '<dir>')).toMatchInlineSnapshot(
    `"Bundle <dir> failed verification (2 problems): metrics.json is missing; model.onnx has 3 bytes, expected 65536. Rebuild the bundle or fetch it again from the registry."`,
  );
});

test('a required file missing from disk and from the files map is still reported', async () => {
  const metadataPath = join(dir, 'metadata.json');
  const metadata = JSON.parse(await readFile(metadataPath, 'utf8'));
  delete metadata.files['input-schema.json'];
  await writeFile(metadataPath, JSON.stringify(metadata));
  await rm(join(dir, 'input-schema.json'));
  expect(await verifyProblems()).toEqual([{ kind: 'missing', path: 'input-schema.json' }]);
});
