import { randomUUID } from 'node:crypto';
import { exposeGc } from '../../test/expose-gc.js';
import { CompactRow, estimateValueBytes } from './compact-row.js';
import { PredictionLog, type LoggedPrediction } from './prediction-log.js';
import type { PredictionTarget } from './prediction-target.js';

function entry(id: string, at: number): LoggedPrediction {
  return {
    id,
    model: 'm',
    version: '1',
    variant: 'stable',
    at,
    target: { task: 'binary', classes: ['no', 'yes'], column: 'churned' },
    probability: 0.5,
    predicted: 1,
    features: {},
    labelled: false,
  };
}

describe('PredictionLog', () => {
  it('keeps the last `capacity` predictions and evicts the oldest first', () => {
    const log = new PredictionLog(3);
    for (const id of ['a', 'b', 'c', 'd', 'e']) log.add(entry(id, 0));
    expect(log.size).toBe(3);
    expect(['a', 'b', 'c', 'd', 'e'].map((id) => log.get(id)?.id)).toEqual([
      undefined,
      undefined,
      'c',
      'd',
      'e',
    ]);
  });

  it('with a TTL, never matches an expired prediction and evicts it as new ones arrive', () => {
    let now = 1_000;
    const log = new PredictionLog(100, 500, () => now);
    log.add(entry('old', 1_000));
    now = 1_400;
    log.add(entry('new', 1_400));
    expect(log.get('old')?.id).toBe('old');
    now = 1_600;
    expect(log.get('old')).toBeUndefined();
    expect(log.get('new')?.id).toBe('new');
    log.add(entry('newest', 1_600));
    expect(log.size).toBe(2);
  });
});

describe('PredictionLog: bounded in bytes', () => {
  const withText = (id: string, text: string): LoggedPrediction => ({
    ...entry(id, 0),
    features: { region: text, age: 40 },
  });

  it('evicts the oldest entries to stay under maxBytes, and counts what it holds', () => {
    const log = new PredictionLog(1_000_000, null, Date.now, 20_000);
    for (let i = 0; i < 200; i++) log.add(withText(`p${i}`, 'x'.repeat(1000)));
    expect(log.bytes).toBeLessThanOrEqual(20_000);
    expect(log.size).toBeGreaterThan(0);
    expect(log.size).toBeLessThan(200);
    expect(log.get('p0')).toBeUndefined();
    expect(log.get('p199')?.features).toEqual({ region: 'x'.repeat(1000), age: 40 });
  });

  it('keeps a row larger than the whole budget without its features, so its label still joins', () => {
    const log = new PredictionLog(10, null, Date.now, 1_000);
    log.add(withText('big', 'y'.repeat(5_000)));
    expect(log.get('big')).toMatchObject({ id: 'big', features: null });
    expect(log.bytes).toBeLessThanOrEqual(1_000);
  });

  it('frees the bytes of what it evicts by count and by TTL', () => {
    let now = 0;
    const log = new PredictionLog(2, 100, () => now, 1_000_000);
    log.add(withText('a', 'x'));
    log.add(withText('b', 'x'));
    const two = log.bytes;
    log.add(withText('c', 'x'));
    expect(log.bytes).toBe(two);
    now = 1_000;
    log.add(withText('d', 'x'));
    expect(log.size).toBe(1);
    expect(log.bytes).toBe(two / 2);
  });

  it('marks a prediction labelled, and unmarks it when recording failed', () => {
    const log = new PredictionLog(10);
    log.add(entry('a', 0));
    log.setLabelled('a', true);
    expect(log.get('a')?.labelled).toBe(true);
    log.setLabelled('a', false);
    expect(log.get('a')?.labelled).toBe(false);
  });
});

describe('PredictionLog: a full log reuses what it evicts', () => {
  // One column list per model version, as compactFeatures shares it.
  const columns = ['region', 'age', 'plan'];
  // A row owns its values array (the log may refill it), so each gets its own copy.
  const packed = (values: unknown[]) => new CompactRow(columns, [...values], 100 + values.length);

  it('gives each new prediction its own values, and leaves earlier copies untouched', () => {
    const log = new PredictionLog(2);
    const rows = [
      ['north', 30.5, 'basic'],
      ['south', 41.25, 'pro'],
      ['east', 52.75, null],
      ['west', 63, 'basic'],
      ['north', 74.5, 'pro'],
    ];
    const copies: (LoggedPrediction | undefined)[] = [];
    rows.forEach((values, index) => {
      log.add({ ...entry(`p${index}`, index), predicted: index, features: packed(values) });
      copies.push(log.get(`p${index}`));
    });
    // What a caller got stays as it was when the entry (now recycled) was read.
    copies.forEach((copy, index) => {
      expect(copy).toMatchObject({
        id: `p${index}`,
        at: index,
        predicted: index,
        features: {
          region: rows[index][0],
          age: rows[index][1],
          plan: rows[index][2],
        },
      });
    });
    expect(log.get('p0')).toBeUndefined();
    expect(log.get('p2')).toBeUndefined();
    expect(log.get('p3')).toMatchObject({
      at: 3,
      predicted: 3,
      features: { region: 'west', age: 63, plan: 'basic' },
    });
    expect(log.get('p4')).toMatchObject({
      at: 4,
      predicted: 4,
      features: { region: 'north', age: 74.5, plan: 'pro' },
    });
    expect(log.size).toBe(2);
  });

  it('after reuse: labelled flags, null features and other columns belong to the new entry', () => {
    const log = new PredictionLog(1);
    log.add({ ...entry('a', 0), features: packed(['north', 1, 'basic']) });
    log.setLabelled('a', true);
    log.add({ ...entry('b', 1), features: null });
    expect(log.get('b')).toMatchObject({ labelled: false, features: null });
    log.add({ ...entry('c', 2), features: packed(['south', 2, 'pro']) });
    expect(log.get('c')?.features).toEqual({ region: 'south', age: 2, plan: 'pro' });
    // A row of another version's columns is kept as it came.
    log.add({ ...entry('d', 3), features: new CompactRow(['x'], [7], 50) });
    expect(log.get('d')?.features).toEqual({ x: 7 });
    log.add({ ...entry('e', 4), features: packed(['east', 5, null]) });
    expect(log.get('e')?.features).toEqual({ region: 'east', age: 5, plan: null });
  });

  it("after reuse: a number, a text and a missing value take each other's place, and a regression's missing probability stays null", () => {
    const log = new PredictionLog(1);
    const regression: PredictionTarget = { task: 'regression', classes: [], column: 'price' };
    const rows: unknown[][] = [
      ['north', 30.5, 'basic'],
      [17.25, 'forty', undefined],
      [undefined, -0.125, 2],
      ['south', null, 1e300],
    ];
    rows.forEach((values, index) => {
      const regressed = index % 2 === 1;
      log.add({
        ...entry(`r${index}`, index),
        target: regressed ? regression : entry('', 0).target,
        probability: regressed ? null : 0.25 * index,
        features: packed(values),
      });
      const expected: Record<string, unknown> = {};
      columns.forEach((column, position) => {
        if (values[position] !== undefined) expected[column] = values[position];
      });
      const got = log.get(`r${index}`);
      expect(got?.features).toEqual(expected);
      expect(got?.probability).toBe(regressed ? null : 0.25 * index);
    });
  });

  it('counts the bytes of the new row, not of the one it reused', () => {
    const fresh = new PredictionLog(1);
    fresh.add({ ...entry('solo', 0), features: new CompactRow(columns, ['a', 1, 'b'], 120) });
    const reused = new PredictionLog(1);
    reused.add({ ...entry('first', 0), features: new CompactRow(columns, ['n', 1, 'c'], 900) });
    reused.add({ ...entry('solo', 0), features: new CompactRow(columns, ['a', 1, 'b'], 120) });
    expect(reused.bytes).toBe(fresh.bytes);
    expect(reused.get('solo')?.features).toEqual({ region: 'a', age: 1, plan: 'b' });
  });
});

/**
 * Runs `fill` on `log` between two full collections and checks what the log keeps alive against
 * what it counts: an upper estimate, and a close one (not more than twice what the entries keep).
 */
function expectHeapWithinCount(label: string, log: PredictionLog, fill: () => void): void {
  const collect = exposeGc();
  collect();
  const before = process.memoryUsage().heapUsed;
  fill();
  collect();
  const entries = log.size;
  const perEntry = (process.memoryUsage().heapUsed - before) / entries;
  console.log(
    `${label}: ${perEntry.toFixed(0)} heap bytes per entry, ${log.bytes / entries} counted`,
  );
  expect(perEntry).toBeLessThanOrEqual(log.bytes / entries);
  expect(perEntry).toBeGreaterThan(log.bytes / entries / 2);
}

describe('PredictionLog: its byte estimate bounds the heap for every task', () => {
  const targets: Record<string, PredictionTarget> = {
    binary: { task: 'binary', classes: ['no', 'yes'], column: 'defaulted' },
    multiclass: { task: 'multiclass', classes: ['low', 'normal', 'urgent'], column: 'priority' },
    regression: { task: 'regression', classes: [], column: 'price_eur' },
  };
  const ENTRIES = 20_000;

  it.each([
    ['binary', (i: number) => ({ probability: (i % 97) / 97 + 0.001, predicted: i % 2 })],
    ['multiclass', (i: number) => ({ probability: (i % 89) / 89 + 0.002, predicted: i % 3 })],
    ['regression', (i: number) => ({ probability: null, predicted: 100.5 + i * 0.37 })],
  ])('%s entries keep no more heap than the log counts', (task, scores) => {
    const target = targets[task];
    const log = new PredictionLog(ENTRIES, null, Date.now, Number.POSITIVE_INFINITY);
    const at = Date.now();
    expectHeapWithinCount(task, log, () => {
      for (let i = 0; i < ENTRIES; i++) {
        log.add({
          id: randomUUID(),
          model: 'm',
          version: '1',
          variant: 'stable',
          at,
          target,
          ...scores(i),
          features: null,
          labelled: false,
        });
      }
    });
    expect(log.size).toBe(ENTRIES);
  });
});

describe('PredictionLog: its byte estimate bounds the heap of refilled rows', () => {
  const ENTRIES = 10_000;
  const known = ['basic', 'pro', 'north', 'south'];
  const categories = new Map(known.map((c) => [c, c]));

  it.each([1, 3, 12, 40])('rows of %i columns, every entry refilled once', (width) => {
    const columns = Array.from({ length: width }, (_, index) => `column_${index}`);
    // Two in three values numbers (parsed doubles, as from JSON), the rest known categories
    // and an occasional null.
    const packed = (i: number) => {
      const values = columns.map((_, c) =>
        c % 3 === 2 ? (i % 7 === 0 ? null : known[(i + c) % 4]) : i * 0.37 + c / 3,
      );
      return new CompactRow(columns, values, estimateValueBytes(values, categories));
    };
    const log = new PredictionLog(ENTRIES);
    // One target per model version, as the service shares it.
    const { target } = entry('', 0);
    const at = Date.now();
    expectHeapWithinCount(`${width} columns, refilled`, log, () => {
      for (let i = 0; i < 2 * ENTRIES; i++) {
        log.add({ ...entry(randomUUID(), at), target, features: packed(i) });
      }
    });
    expect(log.size).toBe(ENTRIES);
    expect(log.get(`missing`)).toBeUndefined();
  });
});
