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
