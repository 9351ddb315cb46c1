import { appendFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FeedbackRecord } from './feedback-record.js';
import { checkFeedbackRecord, getFeedbackTask } from './feedback-record.js';
import { openFeedbackStore } from './open-feedback-store.js';

const base = {
  predictionId: 'p-1',
  model: 'tickets',
  version: '2',
  variant: 'stable',
  predictedAt: '2025-01-01T00:00:00.000Z',
  labelledAt: '2025-01-02T00:00:00.000Z',
  features: { channel: 'email', words: 120 },
};
const binary = { ...base, probability: 0.8, predicted: 1, label: 0 } as const;
const multiclass = {
  ...base,
  task: 'multiclass',
  probability: 0.6,
  predicted: 'urgent',
  label: 'low',
} as const;
const regression = {
  ...base,
  task: 'regression',
  probability: null,
  predicted: 181.5,
  label: 204,
} as const;

describe('checkFeedbackRecord per task', () => {
  it.each([
    ['a binary record written before tasks (no task field)', binary, 'binary'],
    ['a binary record naming its task', { ...binary, task: 'binary' }, 'binary'],
    ['a multiclass record with class texts', multiclass, 'multiclass'],
    ['a regression record with values and a null probability', regression, 'regression'],
  ])('accepts %s', (_name, record, task) => {
    expect(checkFeedbackRecord(record, 'r')).toBe(record);
    expect(getFeedbackTask(checkFeedbackRecord(record, 'r'))).toBe(task);
  });

  it.each([
    ['a binary label that is a class text', { ...binary, label: 'yes' }, /"label" must be 0 or 1/],
    [
      'a multiclass label that is a number',
      { ...multiclass, label: 2 },
      /"label" must be a class text/,
    ],
    ['an empty multiclass prediction', { ...multiclass, predicted: '' }, /"predicted" must be/],
    [
      'a multiclass record without a probability',
      { ...multiclass, probability: null },
      /"probability" must be a number in \[0, 1\]/,
    ],
    [
      'a regression label that is a numeric text',
      { ...regression, label: '204' },
      /"label" must be a finite number/,
    ],
    [
      'a regression record with a probability',
      { ...regression, probability: 0.5 },
      /"probability" must be null/,
    ],
    [
      'an unknown task',
      { ...binary, task: 'ranking' },
      /"task" must be one of binary, multiclass, regression/,
    ],
    [
      'a task named after an object key',
      { ...binary, task: 'constructor' },
      /"task" must be one of/,
    ],
    ['a null task', { ...binary, task: null }, /"task" must be one of/],
  ])('refuses %s, naming the field', (_name, record, error) => {
    expect(() => checkFeedbackRecord(record, 'tickets.jsonl:7')).toThrow(error);
    expect(() => checkFeedbackRecord(record, 'tickets.jsonl:7')).toThrow(/^tickets\.jsonl:7: /);
  });
});

describe('the file: store with records of every task', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'feedback-record-'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('writes the task after the variant for multiclass and regression, none for binary', async () => {
    const store = openFeedbackStore('file:fb', root);
    const records: FeedbackRecord[] = [binary, multiclass, regression];
    await store.append(records);
    const lines = (await readFile(join(root, 'fb', 'tickets.jsonl'), 'utf8')).split('\n');
    expect(Object.keys(JSON.parse(lines[0]) as object)).not.toContain('task');
    expect(Object.keys(JSON.parse(lines[1]) as object).slice(3, 6)).toEqual([
      'variant',
      'task',
      'predictedAt',
    ]);
    const read: FeedbackRecord[] = [];
    for await (const record of store.read('tickets')) read.push(record);
    expect(read).toEqual(records);
  });

  it('reads a file written in the old binary form, byte for byte as before tasks', async () => {
    // The exact line the service wrote before records carried a task.
    const old =
      '{"predictionId":"3f1c","model":"churn","version":"3","variant":"stable","predictedAt":"2025-01-01T00:00:00.000Z","labelledAt":"2025-01-02T00:00:00.000Z","probability":0.82,"predicted":1,"label":0,"features":{"tenure":"12","plan":"gold"}}\n';
    await mkdir(join(root, 'fb'));
    await appendFile(join(root, 'fb', 'churn.jsonl'), old);
    const store = openFeedbackStore('file:fb', root);
    const read: FeedbackRecord[] = [];
    for await (const record of store.read('churn')) read.push(record);
    expect(read).toEqual([JSON.parse(old)]);
    expect(getFeedbackTask(read[0])).toBe('binary');
    await store.append([{ ...binary, model: 'churn' }]);
    expect(await store.count('churn')).toBe(2);
  });
});
