import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BinaryFeedbackRecord, FeedbackRecord } from './feedback-record.js';
import { openFeedbackStore } from './open-feedback-store.js';

let root: string;
let warnings: string[];

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'feedback-store-'));
  warnings = [];
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function openStore() {
  return openFeedbackStore('file:feedback', root, { onWarning: (m) => warnings.push(m) });
}

function makeRecord(
  id: number,
  overrides: Partial<BinaryFeedbackRecord> = {},
): BinaryFeedbackRecord {
  return {
    predictionId: `p-${id}`,
    model: 'churn',
    version: '3',
    variant: 'stable',
    predictedAt: new Date(Date.UTC(2025, 0, 1, 0, 0, id)).toISOString(),
    labelledAt: new Date(Date.UTC(2025, 0, 2, 0, 0, id)).toISOString(),
    probability: (id % 10) / 10,
    predicted: id % 2 === 0 ? 0 : 1,
    label: 1,
    features: { tenure: id, plan: 'gold', note: 'é 😀' },
    ...overrides,
  };
}

async function readAll(model: string, since?: Date): Promise<FeedbackRecord[]> {
  const records: FeedbackRecord[] = [];
  for await (const record of openStore().read(model, { since })) records.push(record);
  return records;
}

describe('openFeedbackStore (file:)', () => {
  it('appends records to <dir>/<model>.jsonl and reads them back in order, one per line', async () => {
    const store = openStore();
    expect(store.location).toBe(join(root, 'feedback'));
    await store.append([makeRecord(1), makeRecord(2, { model: 'other' })]);
    await store.append([makeRecord(3)]);
    expect(await readAll('churn')).toEqual([makeRecord(1), makeRecord(3)]);
    expect(await readAll('other')).toEqual([makeRecord(2, { model: 'other' })]);
    const lines = (await readFile(join(root, 'feedback', 'churn.jsonl'), 'utf8')).split('\n');
    expect(lines).toEqual([JSON.stringify(makeRecord(1)), JSON.stringify(makeRecord(3)), '']);
  });

  it('counts and reads only records labelled at or after `since`', async () => {
    const store = openStore();
    await store.append([1, 2, 3, 4, 5].map((id) => makeRecord(id)));
    const since = new Date(makeRecord(3).labelledAt);
    expect(await store.count('churn', { since })).toBe(3);
    expect((await readAll('churn', since)).map((r) => r.predictionId)).toEqual([
      'p-3',
      'p-4',
      'p-5',
    ]);
    expect(await store.count('churn')).toBe(5);
  });

  it('reads nothing, without creating files, for a model with no feedback yet', async () => {
    expect(await openStore().count('never-seen')).toBe(0);
    await expect(readFile(join(root, 'feedback', 'never-seen.jsonl'))).rejects.toThrow(/ENOENT/);
  });

  it('skips a torn last line with a warning, then cuts it off before the next append', async () => {
    const store = openStore();
    await store.append([makeRecord(1), makeRecord(2)]);
    const path = join(root, 'feedback', 'churn.jsonl');
    await appendFile(path, JSON.stringify(makeRecord(3)).slice(0, 40));
    expect(await store.count('churn')).toBe(2);
    expect(warnings).toEqual([expect.stringContaining('churn.jsonl:3: skipped a torn last line')]);

    await openStore().append([makeRecord(4)]);
    expect((await readAll('churn')).map((r) => r.predictionId)).toEqual(['p-1', 'p-2', 'p-4']);
    expect(warnings.at(-1)).toMatch(/cut a torn last line of 40 bytes/);
    expect((await readFile(path, 'utf8')).split('\n')).toHaveLength(4);
  });

  it('keeps a complete last record that lacks only its newline', async () => {
    const path = join(root, 'feedback', 'churn.jsonl');
    await openStore().append([makeRecord(1)]);
    await appendFile(path, JSON.stringify(makeRecord(2)));
    await openStore().append([makeRecord(3)]);
    expect((await readAll('churn')).map((r) => r.predictionId)).toEqual(['p-1', 'p-2', 'p-3']);
  });

  it('serialises concurrent appends: no line is interleaved or lost, and reads see queued appends', async () => {
    const stores = [openStore(), openStore()] as const;
    const big = 'x'.repeat(16 * 1024);
    const batches = Array.from({ length: 40 }, (_, batch) =>
      Array.from({ length: 10 }, (_, i) =>
        makeRecord(batch * 10 + i, { features: { big, batch } }),
      ),
    );
    const appends = Promise.all(
      batches.map((records, i) => stores[i % 2 === 0 ? 0 : 1].append(records)),
    );
    // A read started now waits for the appends already queued in this process.
    const records = await readAll('churn');
    await appends;
    expect(records).toHaveLength(400);
    expect(new Set(records.map((r) => r.predictionId)).size).toBe(400);
    for (let start = 0; start < 400; start += 10) {
      const batch = records.slice(start, start + 10).map((r) => r.features['batch']);
      expect(new Set(batch).size).toBe(1);
    }
    expect(warnings).toEqual([]);
  });

  it('fails on a corrupt line in the middle, naming the file and line', async () => {
    const path = join(root, 'feedback', 'churn.jsonl');
    await openStore().append([makeRecord(1)]);
    await appendFile(path, `{"predictionId": "p-2"}\n${JSON.stringify(makeRecord(3))}\n`);
    await expect(readAll('churn')).rejects.toThrow(/churn\.jsonl:2: feedback record field "model"/);
  });

  it.each([
    ['probability', { probability: 1.5 }, /"probability" must be a number in \[0, 1\]/],
    ['label', { label: 2 as 0 }, /"label" must be 0 or 1/],
    ['predictedAt', { predictedAt: 'yesterday' }, /"predictedAt" must be an ISO 8601 time/],
    [
      'features',
      { features: [] as unknown as Record<string, unknown> },
      /"features" must be an object/,
    ],
    ['predictionId', { predictionId: '' }, /"predictionId" must be a non-empty string/],
  ])(
    'refuses to append a record with a bad %s, appending nothing',
    async (_field, patch, error) => {
      const store = openStore();
      await expect(store.append([makeRecord(1), makeRecord(2, patch)])).rejects.toThrow(error);
      expect(await store.count('churn')).toBe(0);
    },
  );

  it.each([['../escape'], ['a/b'], [''], ['.hidden']])(
    'refuses the model name %j (it must be a safe file name)',
    async (model) => {
      await expect(openStore().append([makeRecord(1, { model })])).rejects.toThrow(
        model === '' ? /"model" must be a non-empty string/ : /Cannot store feedback for model/,
      );
    },
  );

  it.each([
    ['feedback', /it has no scheme/],
    ['s3://bucket', /the scheme "s3:" is not supported \(supported: file:\)/],
    ['file:', /the path is empty/],
  ])('refuses the URL %j', (url, error) => {
    expect(() => openFeedbackStore(url, root)).toThrow(error);
  });

  it('accepts absolute paths and file:// URLs', async () => {
    const absolute = join(root, 'abs');
    expect(openFeedbackStore(`file:${absolute}`, '/elsewhere').location).toBe(absolute);
    expect(openFeedbackStore(`file://${absolute}`, '/elsewhere').location).toBe(absolute);
  });
});
