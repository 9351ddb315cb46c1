import { LivePerformance } from './live-performance.js';
import { LISTINGS_TARGET, LOANS_TARGET, TICKETS_TARGET } from '../../test/prediction-targets.js';

const key = { model: 'm', version: '2', variant: 'canary' };
const binary = (probability: number) => ({
  ...key,
  target: LOANS_TARGET,
  probability,
  predicted: probability >= 0.5 ? 1 : 0,
});

describe('LivePerformance', () => {
  it('computes binary accuracy, macro F1 and AUC over the last `window` labelled rows only', () => {
    const live = new LivePerformance(4);
    // Four wrong answers, then four right ones that push them out of the window.
    for (const p of [0.9, 0.8, 0.2, 0.1]) live.add(binary(p), p >= 0.5 ? 0 : 1);
    expect(live.summarise()[0]).toMatchObject({
      labelledRows: 4,
      accuracy: 0,
      macroF1: 0,
      rocAuc: 0,
    });
    for (const p of [0.9, 0.8, 0.2, 0.1]) live.add(binary(p), p >= 0.5 ? 1 : 0);
    expect(live.summarise()).toEqual([
      {
        ...key,
        task: 'binary',
        labelledRows: 4,
        positives: 2,
        accuracy: 1,
        macroF1: 1,
        rocAuc: 1,
        mae: null,
        rmse: null,
      },
    ]);
  });

  it('computes multiclass accuracy and macro F1 (as scikit-learn), with no AUC or errors', () => {
    const live = new LivePerformance(100);
    // y_true [0,0,0,1,1,2], y_pred [0,0,1,1,2,2]: sklearn accuracy 0.667, macro F1 0.6556.
    const pairs = [
      [0, 0],
      [0, 0],
      [0, 1],
      [1, 1],
      [1, 2],
      [2, 2],
    ];
    for (const [label, predicted] of pairs) {
      live.add({ ...key, target: TICKETS_TARGET, probability: 0.7, predicted }, label);
    }
    expect(live.summarise()).toEqual([
      {
        ...key,
        task: 'multiclass',
        labelledRows: 6,
        positives: null,
        accuracy: expect.closeTo(4 / 6, 12),
        macroF1: expect.closeTo((0.8 + 0.5 + 2 / 3) / 3, 12),
        rocAuc: null,
        mae: null,
        rmse: null,
      },
    ]);
  });

  it('computes regression MAE and RMSE in the target units, with no class metrics', () => {
    const live = new LivePerformance(3);
    const add = (predicted: number, label: number) =>
      live.add({ ...key, target: LISTINGS_TARGET, probability: null, predicted }, label);
    add(1_000, 0); // pushed out of the window by the next three
    add(100, 110);
    add(250.5, 240.5);
    add(80, 50);
    expect(live.summarise()).toEqual([
      {
        ...key,
        task: 'regression',
        labelledRows: 3,
        positives: null,
        accuracy: null,
        macroF1: null,
        rocAuc: null,
        mae: expect.closeTo(50 / 3, 12),
        rmse: expect.closeTo(Math.sqrt((100 + 100 + 900) / 3), 12),
      },
    ]);
  });

  it('keeps one window per model version and variant, evicting the least recently labelled', () => {
    const live = new LivePerformance(10, 2);
    live.add({ ...binary(0.9), version: '1' }, 1);
    live.add({ ...binary(0.9), version: '2' }, 0);
    live.add({ ...binary(0.1), version: '1' }, 0);
    live.add({ ...binary(0.9), version: '3' }, 1);
    const versions = live.summarise().map((s) => [s.version, s.labelledRows, s.accuracy]);
    expect(versions).toEqual([
      ['1', 2, 1],
      ['3', 1, 1],
    ]);
  });
});
