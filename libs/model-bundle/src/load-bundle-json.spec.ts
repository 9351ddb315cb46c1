import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BundleFormatError } from './bundle-errors.js';
import { loadBundleJson, readBundleMetadata } from './load-bundle-json.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bundle-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function messageOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(BundleFormatError);
  return (error as Error).message.replace(dir, '<dir>');
}

test('loadBundleJson returns the parsed object when its version is supported', async () => {
  await writeFile(join(dir, 'spec.json'), '{"schemaVersion": 1, "x": 2}');
  await expect(
    loadBundleJson(dir, 'spec.json', { versionField: 'schemaVersion', maxVersion: 1 }),
  ).resolves.toEqual({ schemaVersion: 1, x: 2 });
});

test.each([
  ['a newer format version', '{"schemaVersion": 3}'],
  ['a missing format version', '{"x": 1}'],
  ['invalid JSON', '{"schemaVersion": '],
  ['a JSON array', '[1]'],
])('loadBundleJson refuses %s', async (_case, text) => {
  await writeFile(join(dir, 'spec.json'), text);
  const message = await messageOf(
    loadBundleJson(dir, 'spec.json', { versionField: 'schemaVersion', maxVersion: 2 }),
  );
  expect(message).toMatch(/^<dir>\/spec\.json: /);
});

test('error texts name the file, the problem and the fix', async () => {
  await writeFile(join(dir, 'spec.json'), '{"schemaVersion": 3}');
  expect(
    await messageOf(
      loadBundleJson(dir, 'spec.json', { versionField: 'schemaVersion', maxVersion: 2 }),
    ),
  ).toMatchInlineSnapshot(
    `"<dir>/spec.json: \`schemaVersion\` is 3 but this code reads up to 2; upgrade modelship to load this bundle."`,
  );
  expect(await messageOf(readBundleMetadata(dir))).toMatchInlineSnapshot(
    `"<dir>/metadata.json: cannot be read; is this a bundle folder?"`,
  );
  await writeFile(join(dir, 'metadata.json'), '{"formatVersion": 1, "name": "churn"}');
  expect(await messageOf(readBundleMetadata(dir))).toMatchInlineSnapshot(
    `"<dir>/metadata.json: \`files\` is missing; write the bundle with finalizeBundle()."`,
  );
});
