import type { RoutedRequest } from '../models/model-slots.js';
import type { ModelVersion } from '../models/model-version.js';
import type { ServingMonitor } from '../monitoring/serving-monitor.js';
import type {
  CheckResult,
  RolloutCheck,
  RolloutEvent,
  RolloutState,
  RolloutStrategyName,
} from '@modelship/serving-contract';

// The wire shapes (strategy names, states, checks, history, the status) are the contract's.
export {
  ROLLOUT_STRATEGIES,
  type CheckResult,
  type ModelRef,
  type RolloutCheck,
  type RolloutEvent,
  type RolloutState,
  type RolloutStatus,
  type RolloutStrategyName,
} from '@modelship/serving-contract';

/** A validated request to start a rollout (admin API body or ROLLOUT_* variables). */
export interface RolloutRequest {
  strategy: RolloutStrategyName;
  /** The candidate: a registry version number, or the newest version in a stage. */
  target: { version: number } | { stage: 'staging' | 'production' };
  options: Record<string, unknown>;
}

/** What a running strategy may ask of the controller. */
export interface RolloutHost {
  readonly stable: ModelVersion | undefined;
  readonly candidate: ModelVersion;
  /** Labels joined through `POST /feedback` (a canary's live accuracy). */
  readonly monitor: Pick<ServingMonitor, 'onLabelled'>;
  /**
   * Whether this process takes the timed decisions (canary checks, the blue/green window). In
   * cluster mode one process does and the others follow it; alone, it always does.
   */
  readonly decides: boolean;
  recordCheck(check: string, result: CheckResult, detail: string): void;
  recordEvent(event: string, detail: string): void;
  /** Weights changed (a canary step): republishes them in the status and metrics. */
  publish(): void;
  promote(reason: string): Promise<void>;
  rollback(reason: string): Promise<void>;
  /** Blue/green: the candidate becomes stable; the old stable stays loaded as `previous`. */
  switchToCandidate(): void;
  /** Ends the rollout with an outcome that needs no promotion (a final blue/green switch). */
  finish(outcome: 'switched', detail: string): Promise<void>;
}

/** One running rollout's routing and timers, built by a strategy once its candidate is loaded. */
export interface StrategyRunner {
  /** Share of traffic per variant. */
  weights(): Record<string, number>;
  /** The canary step index, else null. */
  step(): number | null;
  /** Canary: moves to the step the deciding process reached (cluster mode). */
  setStep?(step: number): void;
  /** The version answering this request (the candidate only once it is loaded). */
  route(req: RoutedRequest): ModelVersion | undefined;
  /** Called when a routed prediction request finishes: its variant, time and outcome. */
  observe?(variant: string, seconds: number, failed: boolean): void;
  /** Shadow only: whether to mirror this request to the candidate. */
  mirrors?(): boolean;
  stop(): void;
}

/** A strategy: its options' parser and how it runs. One file each, one line in the table. */
export interface RolloutStrategy {
  /** Variant the candidate's answers and metrics carry. */
  candidateVariant: string;
  /** State once the candidate is loaded: `switched` for blue/green, else `running`. */
  runningState: 'running' | 'switched';
  /** Strategy options from the body: the fields it accepts, parsed with defaults. */
  readOptions(body: Record<string, unknown>): Record<string, unknown>;
  /** Starts routing: the candidate is loaded, verified and warmed. Blue/green switches here. */
  begin(host: RolloutHost, options: Record<string, unknown>): StrategyRunner;
}

/** One rollout, from its request to its outcome. */
export interface Rollout {
  strategy: RolloutStrategyName;
  options: Record<string, unknown>;
  state: RolloutState;
  /** Loading, running, or blue/green inside its rollback window. */
  active: boolean;
  ref: { name: string; version: number };
  candidate: ModelVersion | null;
  runner: StrategyRunner | null;
  checks: RolloutCheck[];
  history: RolloutEvent[];
}
