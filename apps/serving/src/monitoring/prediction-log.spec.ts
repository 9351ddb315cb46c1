import { PredictionLog, type LoggedPrediction } from './prediction-log.js';

function entry(id: string, at: number): LoggedPrediction {
  return {
    id,
    model: 'm',
    version: '1',
    variant: 'stable',
    at,
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
