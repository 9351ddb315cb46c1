import { LivePerformance } from './live-performance.js';

describe('LivePerformance', () => {
  const key = { model: 'm', version: '2', variant: 'canary' };

  it('computes accuracy and AUC over the last `window` labelled rows only', () => {
    const live = new LivePerformance(4);
    // Four wrong answers, then four right ones that push them out of the window.
    for (const p of [0.9, 0.8, 0.2, 0.1]) live.add(key, p, p >= 0.5 ? 1 : 0, p >= 0.5 ? 0 : 1);
    expect(live.summarise()[0]).toMatchObject({ labelledRows: 4, accuracy: 0, rocAuc: 0 });
    for (const p of [0.9, 0.8, 0.2, 0.1]) live.add(key, p, p >= 0.5 ? 1 : 0, p >= 0.5 ? 1 : 0);
    expect(live.summarise()).toEqual([
      { ...key, labelledRows: 4, positives: 2, accuracy: 1, rocAuc: 1 },
    ]);
  });

  it('keeps one window per model version and variant, evicting the least recently labelled', () => {
    const live = new LivePerformance(10, 2);
    live.add({ ...key, version: '1' }, 0.9, 1, 1);
    live.add({ ...key, version: '2' }, 0.9, 1, 0);
    live.add({ ...key, version: '1' }, 0.1, 0, 0);
    live.add({ ...key, version: '3' }, 0.9, 1, 1);
    const versions = live.summarise().map((s) => [s.version, s.labelledRows, s.accuracy]);
    expect(versions).toEqual([
      ['1', 2, 1],
      ['3', 1, 1],
    ]);
  });
});
