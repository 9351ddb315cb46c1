import { readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createSeededRandom } from '@modelship/core';
import { MISSING_BIN } from './bin-features.js';
import type { GbdtParams } from './gbdt-model.js';
import type { HistogramColumns } from './histogram-kernel.js';
import { accumulateHistograms, BINS } from './histogram-kernel.js';
import {
  chooseHistogramThreads,
  createTypedArray,
  GBDT_THREADS_ENV,
  HistogramThreads,
} from './histogram-threads.js';
import { predictGbdt } from './predict-gbdt.js';
import {
  GBDT_TEST_PARAMS,
  prepareTaskDatasetMatrices,
  withMissingValues,
} from './testing/gbdt-fixtures.js';
import { trainGbdt } from './train-gbdt.js';

/** The threads of this process (Linux), worker threads among them. */
function countThreads(): number {
  return readdirSync('/proc/self/task').length;
}

/** A column's histogram slots in use: its value bins, then the missing bin. */
function usedSlots(histogram: Float64Array, column: number, bins: number): number[] {
  const base = column * BINS * 3;
  const missingAt = (column * BINS + MISSING_BIN) * 3;
  return [
    ...histogram.subarray(base, base + bins * 3),
    ...histogram.subarray(missingAt, missingAt + 3),
  ];
}

describe('HistogramThreads', () => {
  it.each([2, 3])(
    'builds every column on %i threads exactly as one thread does',
    async (threads) => {
      const random = createSeededRandom(4);
      const total = 5_000;
      const width = 11;
      const columnBins = Uint16Array.from({ length: width }, (_, c) => 2 + ((c * 37) % 200));
      const columns = createTypedArray(Uint8Array, total * width);
      for (let c = 0; c < width; c += 1) {
        for (let i = 0; i < total; i += 1) {
          columns[c * total + i] =
            random() < 0.1 ? MISSING_BIN : Math.floor(random() * (columnBins[c] as number));
        }
      }
      const source: HistogramColumns = { columns, columnBins, total };
      const rows = createTypedArray(Uint32Array, total);
      const gradients = createTypedArray(Float32Array, total);
      const hessians = createTypedArray(Float32Array, total);
      // A node: every other row from 300 on, its gradients in that order.
      const start = 40;
      const n = 2_000;
      for (let k = 0; k < n; k += 1) {
        rows[start + k] = 300 + 2 * k;
        gradients[k] = random() - 0.5;
        hessians[k] = random();
      }
      const which = Int32Array.from([0, 2, 3, 5, 6, 7, 8, 10]);
      const expected = new Float64Array(width * BINS * 3);
      accumulateHistograms(expected, source, which, { rows, start, n, gradients, hessians });

      const team = new HistogramThreads(threads);
      try {
        team.attach({ ...source, rows, gradients, hessians });
        for (let wait = 0; wait < 200 && team.ready < threads; wait += 1) await sleep(50);
        expect(team.ready).toBe(threads);
        const built = new Float64Array(width * BINS * 3).fill(Number.NaN);
        team.build(built, which, start, n);
        for (const column of which) {
          const bins = columnBins[column] as number;
          expect(usedSlots(built, column, bins)).toEqual(usedSlots(expected, column, bins));
        }
        // Each column counts every row of the node once.
        const counts = usedSlots(built, 7, columnBins[7] as number).filter((_, at) => at % 3 === 2);
        expect(counts.reduce((sum, count) => sum + count, 0)).toBe(n);
        // A second node on the same threads.
        team.build(built, which.subarray(0, 3), start + 100, 500);
        const again = new Float64Array(width * BINS * 3);
        accumulateHistograms(again, source, which.subarray(0, 3), {
          rows,
          start: start + 100,
          n: 500,
          gradients,
          hessians,
        });
        for (const column of which.subarray(0, 3)) {
          const bins = columnBins[column] as number;
          expect(usedSlots(built, column, bins)).toEqual(usedSlots(again, column, bins));
        }
      } finally {
        await team.close();
      }
    },
  );
});

describe('trainGbdt on several threads', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gbdt-threads-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('grows the same trees and predictions on 1 and 2 threads (multiclass, missing values, subsampling)', async () => {
    const data = await prepareTaskDatasetMatrices(join(dir, 'multiclass'), 'multiclass', 40_000);
    withMissingValues(data.train, 7);
    withMissingValues(data.test, 7);
    // Nodes of 100,000 rows x columns and more are shared between the threads: the root (90%
    // of 24,000 rows, 80% of 8 features) and its larger descendants here.
    expect(data.train.rows * data.train.width).toBeGreaterThanOrEqual(192_000);
    const params: GbdtParams = {
      ...GBDT_TEST_PARAMS,
      maxTrees: 15,
      rowSubsample: 0.9,
      columnSubsample: 0.8,
    };
    const one = trainGbdt(data.train, data.validation, data.head, params, undefined, 1);
    const two = trainGbdt(data.train, data.validation, data.head, params, undefined, 2);
    expect(two.trees).toHaveLength(one.trees.length);
    expect(one.trees.length).toBe(45);
    one.trees.forEach((tree, t) => {
      expect(two.trees[t]).toEqual(tree);
    });
    expect(two.history).toEqual(one.history);
    expect(predictGbdt(two, data.test.x, data.test.rows)).toEqual(
      predictGbdt(one, data.test.x, data.test.rows),
    );
  });

  it('stops its worker threads when training throws', async () => {
    const data = await prepareTaskDatasetMatrices(join(dir, 'binary'), 'binary', 2_000);
    const before = countThreads();
    let during = 0;
    expect(() =>
      trainGbdt(
        data.train,
        data.validation,
        data.head,
        GBDT_TEST_PARAMS,
        () => {
          during = countThreads();
          throw new Error('stop here');
        },
        3,
      ),
    ).toThrow('stop here');
    expect(during).toBeGreaterThanOrEqual(before + 2);
    let after = countThreads();
    for (let wait = 0; wait < 50 && after > before; wait += 1) {
      await sleep(100);
      after = countThreads();
    }
    expect(after).toBeLessThanOrEqual(before);
  });
});

describe('chooseHistogramThreads', () => {
  it('keeps small training splits on one thread and gives large ones every core', () => {
    expect(chooseHistogramThreads(14_000, 16, {})).toBe(1);
    expect(chooseHistogramThreads(140_000, 38, {})).toBe(Math.min(availableParallelism(), 38));
    expect(chooseHistogramThreads(1_000_000, 1, {})).toBe(1);
  });

  it(`follows ${GBDT_THREADS_ENV}, and names it when it is not a positive integer`, () => {
    expect(chooseHistogramThreads(100, 3, { [GBDT_THREADS_ENV]: '2' })).toBe(2);
    expect(chooseHistogramThreads(140_000, 38, { [GBDT_THREADS_ENV]: '1' })).toBe(1);
    for (const bad of ['0', '1.5', 'two']) {
      expect(() => chooseHistogramThreads(100, 3, { [GBDT_THREADS_ENV]: bad })).toThrow(
        `${GBDT_THREADS_ENV} is '${bad}': it must be a positive integer.`,
      );
    }
  });
});
