import './register-formats.js';
import type { Static } from '@sinclair/typebox';
import { Type } from '@sinclair/typebox';
import { ModelRef } from './common-schemas.js';

/** The rollout strategies, as the admin API and ROLLOUT_STRATEGY name them. */
export const ROLLOUT_STRATEGIES = ['shadow', 'canary', 'blue_green', 'ab'] as const;
export const RolloutStrategyName = Type.Union(ROLLOUT_STRATEGIES.map((s) => Type.Literal(s)));
export type RolloutStrategyName = (typeof ROLLOUT_STRATEGIES)[number];

/** Where a rollout is: `idle` before the first, then loading, running, and an outcome. */
export const ROLLOUT_STATES = [
  'idle',
  'loading',
  'running',
  'promoted',
  'rolled_back',
  'aborted',
  'switched',
] as const;
export const RolloutState = Type.Union(ROLLOUT_STATES.map((s) => Type.Literal(s)));
export type RolloutState = (typeof ROLLOUT_STATES)[number];

/** The states a rollout ends in: a client following one stops polling at these. */
export const FINAL_ROLLOUT_STATES = [
  'promoted',
  'rolled_back',
  'aborted',
  'switched',
] as const satisfies readonly RolloutState[];

/** A check's verdict: too few samples is inconclusive, not a failure. */
export const CHECK_RESULTS = ['passed', 'failed', 'inconclusive'] as const;
export const CheckResult = Type.Union(CHECK_RESULTS.map((s) => Type.Literal(s)));
export type CheckResult = (typeof CHECK_RESULTS)[number];

/** One check of the candidate against the stable version. */
export const RolloutCheck = Type.Object({
  at: Type.String({ format: 'date-time' }),
  check: Type.String({ examples: ['error_rate', 'p99_latency', 'live_accuracy', 'live_error'] }),
  result: CheckResult,
  detail: Type.String(),
});
export type RolloutCheck = Static<typeof RolloutCheck>;

/** One line of the rollout's history. */
export const RolloutEvent = Type.Object({
  at: Type.String({ format: 'date-time' }),
  event: Type.String(),
  detail: Type.String(),
});
export type RolloutEvent = Static<typeof RolloutEvent>;

/** `GET /admin/rollout` answer (and every other admin rollout call's). */
export const RolloutStatus = Type.Object({
  strategy: Type.Union([RolloutStrategyName, Type.Literal('none')]),
  state: RolloutState,
  stable: Type.Union([ModelRef, Type.Null()]),
  candidate: Type.Union([ModelRef, Type.Null()]),
  weights: Type.Record(Type.String(), Type.Number({ minimum: 0, maximum: 1 })),
  step: Type.Union([Type.Integer(), Type.Null()]),
  checks: Type.Array(RolloutCheck),
  history: Type.Array(RolloutEvent),
});
export type RolloutStatus = Static<typeof RolloutStatus>;

/** The stages a candidate may be taken from. */
export const CANDIDATE_STAGES = ['staging', 'production'] as const;

/**
 * `POST /admin/rollout` body: the strategy, the candidate as `version` or the newest version in
 * `stage` (default staging), and that strategy's options.
 */
export const RolloutStartRequest = Type.Object(
  {
    strategy: RolloutStrategyName,
    version: Type.Optional(Type.Integer({ minimum: 1 })),
    stage: Type.Optional(Type.Union(CANDIDATE_STAGES.map((s) => Type.Literal(s)))),
    steps: Type.Optional(Type.Array(Type.Number({ exclusiveMinimum: 0, maximum: 1 }))),
    intervalMs: Type.Optional(Type.Integer({ minimum: 10 })),
    minSamples: Type.Optional(Type.Integer({ minimum: 1 })),
    maxErrorRateIncrease: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    maxP99Ratio: Type.Optional(Type.Number({ minimum: 1 })),
    p99ToleranceMs: Type.Optional(Type.Number({ minimum: 0 })),
    failureThreshold: Type.Optional(Type.Integer({ minimum: 1 })),
    minLabelledRows: Type.Optional(
      Type.Integer({
        minimum: 1,
        description: 'canary live_accuracy: labelled predictions needed on each side (default 50)',
      }),
    ),
    maxAccuracyDrop: Type.Optional(
      Type.Number({
        minimum: 0,
        maximum: 1,
        description:
          'canary live_accuracy: largest tolerated stable minus candidate accuracy (0.05)',
      }),
    ),
    maxErrorIncrease: Type.Optional(
      Type.Number({
        minimum: 0,
        description:
          "canary live_error (regression): largest tolerated relative increase of the candidate's MAE over stable's (0.1: 10%)",
      }),
    ),
    sampleRate: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    split: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    keyHeader: Type.Optional(Type.String()),
    rollbackWindowMs: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  {
    description:
      'The candidate is `version` or the newest version in `stage` (default staging); the other fields are the strategy options (README: Rollouts and the admin API).',
  },
);
export type RolloutStartRequest = Static<typeof RolloutStartRequest>;

/** `POST /admin/reload` answer. */
export const ReloadResult = Type.Object({
  swapped: Type.Boolean(),
  version: Type.Union([Type.String(), Type.Null()]),
});
export type ReloadResult = Static<typeof ReloadResult>;
