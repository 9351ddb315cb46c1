import { readRolloutEnv } from './read-rollout-env.js';

describe('readRolloutEnv', () => {
  it('starts no rollout without ROLLOUT_STRATEGY', () => {
    expect(readRolloutEnv({})).toBeNull();
  });

  it('reads a canary with its options, steps as a comma list', () => {
    expect(
      readRolloutEnv({
        ROLLOUT_STRATEGY: 'canary',
        ROLLOUT_VERSION: '3',
        ROLLOUT_STEPS: '0.1, 0.5, 1',
        ROLLOUT_INTERVAL_MS: '30000',
        ROLLOUT_FAILURE_THRESHOLD: '1',
        ROLLOUT_MIN_LABELLED_ROWS: '200',
        ROLLOUT_MAX_ACCURACY_DROP: '0.02',
        ROLLOUT_MAX_ERROR_INCREASE: '0.2',
      }),
    ).toEqual({
      strategy: 'canary',
      target: { version: 3 },
      options: {
        steps: [0.1, 0.5, 1],
        intervalMs: 30000,
        minSamples: 100,
        maxErrorRateIncrease: 0.01,
        maxP99Ratio: 1.5,
        p99ToleranceMs: 2,
        failureThreshold: 1,
        minLabelledRows: 200,
        maxAccuracyDrop: 0.02,
        maxErrorIncrease: 0.2,
      },
    });
  });

  it('defaults the candidate to the newest staging version', () => {
    expect(readRolloutEnv({ ROLLOUT_STRATEGY: 'ab', ROLLOUT_KEY_HEADER: 'X-Tenant' })).toEqual({
      strategy: 'ab',
      target: { stage: 'staging' },
      options: { split: 0.5, keyHeader: 'X-Tenant' },
    });
  });

  it.each([
    [
      { ROLLOUT_STRATEGY: 'big_bang' },
      'ROLLOUT_STRATEGY="big_bang": ROLLOUT_STRATEGY must be one of',
    ],
    [
      { ROLLOUT_STRATEGY: 'shadow', ROLLOUT_SAMPLE_RATE: 'lots' },
      'ROLLOUT_SAMPLE_RATE="lots": ROLLOUT_SAMPLE_RATE must be a number from 0 to 1',
    ],
    [
      { ROLLOUT_STRATEGY: 'canary', ROLLOUT_SPLIT: '0.5' },
      'ROLLOUT_SPLIT="0.5": ROLLOUT_SPLIT is not an option of the canary strategy',
    ],
    [
      { ROLLOUT_STRATEGY: 'canary', ROLLOUT_MAX_ACCURACY_DROP: '5%' },
      'ROLLOUT_MAX_ACCURACY_DROP="5%": ROLLOUT_MAX_ACCURACY_DROP must be a number from 0 to 1',
    ],
    [{ ROLLOUT_VERSION: '2' }, 'ROLLOUT_VERSION="2": set ROLLOUT_STRATEGY too, or unset it.'],
  ])('refuses %j naming the variable', (env, message) => {
    expect(() => readRolloutEnv(env)).toThrow(message);
  });
});
