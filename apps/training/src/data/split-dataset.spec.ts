import { splitDataset } from './split-dataset.js';

const labels = Uint8Array.from({ length: 1_000 }, (_, i) => (i % 4 === 0 ? 1 : 0));
const params = { test: 0.2, validation: 0.1, seed: 42, stratify: true };

function positiveRate(indices: Uint32Array): number {
  let positives = 0;
  for (const index of indices) positives += labels[index] ?? 0;
  return positives / indices.length;
}

describe('splitDataset', () => {
  it('holds out the configured shares, each row in exactly one split', () => {
    const split = splitDataset(labels, params);
    expect([split.train.length, split.validation.length, split.test.length]).toEqual([700, 100, 200]);
    expect(new Set([...split.train, ...split.validation, ...split.test]).size).toBe(1_000);
  });

  it('keeps the positive rate in every split when stratified', () => {
    const split = splitDataset(labels, params);
    expect([positiveRate(split.train), positiveRate(split.validation), positiveRate(split.test)]).toEqual([0.25, 0.25, 0.25]);
  });

  it('gives the same split for the same seed and another for another seed', () => {
    expect(splitDataset(labels, params)).toEqual(splitDataset(labels, params));
    expect(splitDataset(labels, { ...params, seed: 7 }).test).not.toEqual(splitDataset(labels, params).test);
  });

  it('splits without stratifying when told to', () => {
    const split = splitDataset(labels, { ...params, stratify: false });
    expect(split.test.length).toBe(200);
  });

  it('refuses an empty training split', () => {
    expect(() => splitDataset(Uint8Array.from([0, 1]), { ...params, test: 0.5, validation: 0.4 })).toThrowErrorMatchingInlineSnapshot(
      `"params.yaml: the train split of 2 rows is empty (column "split.train"). Fix: use more rows, or change the shares in params.yaml \`split\`"`,
    );
  });

  it.each([
    [{ test: 0, validation: 0.1 }],
    [{ test: 0.6, validation: 0.4 }],
    [{ test: 0.2, validation: Number.NaN }],
  ])('refuses shares %j', (shares) => {
    expect(() => splitDataset(labels, { ...params, ...shares })).toThrow(expect.objectContaining({ code: 'E_SPLIT_PARAMS' }));
  });
});

describe('splitDataset with a class vocabulary (multiclass)', () => {
  const classes = ['high', 'low', 'medium'];
  const three = Uint16Array.from({ length: 900 }, (_, i) => i % 3);

  it('keeps every class share in every split', () => {
    const split = splitDataset(three, params, 'params.yaml', classes);
    for (const indices of [split.train, split.validation, split.test]) {
      const counts = [0, 0, 0];
      for (const index of indices) counts[three[index] ?? 0] += 1;
      expect(new Set(counts).size).toBe(1);
    }
  });

  it('refuses a class too rare to reach every split, naming the class and the fix', () => {
    const rare = Uint16Array.from({ length: 400 }, (_, i) => (i < 2 ? 1 : i % 2 === 0 ? 0 : 2));
    expect(() => splitDataset(rare, params, 'params.yaml', classes)).toThrow(
      'params.yaml: class "low" has 2 rows; with split.test 0.2 and split.validation 0.1 it needs 5 to reach train, validation and test (column "split"). Fix: add rows of "low", merge it into a related class, or raise the split shares',
    );
  });

  it('refuses a test class that training never saw when not stratified', () => {
    const once = Uint16Array.from({ length: 50 }, (_, i) => (i === 0 ? 2 : i % 2));
    const seeds = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const errors = seeds.map((seed) => {
      try {
        splitDataset(once, { ...params, seed, stratify: false }, 'params.yaml', classes);
        return null;
      } catch (error) {
        return (error as Error).message;
      }
    });
    expect(errors.find((message) => message !== null)).toMatch(
      /class "medium" is in the (validation|test) split but not in train, so the model could never predict it/,
    );
  });
});
