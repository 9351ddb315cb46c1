import { join } from 'node:path';
import type { IngestResult, TriggerResult } from '@modelship/continuous-training';
import type { DemoWorkspace } from './demo-workspace.js';
import { DemoError } from './demo-error.js';
import { runModelship, tailOf, type CommandRun } from './run-modelship.js';
import type { ServiceSampler } from './sample-service.js';
import type { ServiceProcess } from './service-process.js';
import type { DriftShiftOptions } from './shift-traffic.js';
import type { TrafficSimulator } from './simulate-traffic.js';
import type { Timeline } from './timeline.js';

/** The demo's knobs; the defaults run the whole loop in a few minutes on a laptop. */
export interface LifecycleOptions {
  /** Fresh customers drawn for the traffic (before the shift resamples them). @default 6000 */
  poolRows: number;
  /** Labelled predictions of normal traffic before the drift starts. @default 1000 */
  baselineLabels: number;
  /** Labelled drifted rows collected before retraining. @default 5000 */
  driftLabels: number;
  requestsPerSecond: number;
  batchSize: number;
  feedbackDelayMs: number;
  seed: number;
  shift: DriftShiftOptions;
  /** Give up waiting for ct-check to fire after this long. @default 180000 */
  detectTimeoutMs: number;
}

export const DEFAULT_LIFECYCLE_OPTIONS: LifecycleOptions = {
  poolRows: 6000,
  baselineLabels: 1000,
  driftLabels: 5000,
  requestsPerSecond: 25,
  batchSize: 10,
  feedbackDelayMs: 1000,
  seed: 2024,
  shift: {},
  detectTimeoutMs: 180_000,
};

/** Moments the closing figures are measured between (seconds on the timeline). */
export interface LifecycleMarks {
  driftStarted?: number;
  driftDetected?: number;
  v2RolloutStarted?: number;
  v2Promoted?: number;
  v3RolloutStarted?: number;
  v3RolledBack?: number;
  /** Failed requests counted before the first rollout started. */
  failuresBeforeSwaps?: number;
}

/**
 * The champion-vs-challenger evidence the gate writes to `artifacts/bundle/gate.json`
 * (`championChallenger`): the part of that file the demo reports.
 */
export interface GateEvidence {
  champion: { name: string; version: number | string; evaluatedOn: string };
  metric: string;
  margin: number;
  winner: 'challenger' | 'champion';
  metrics: { metric: string; champion: number; challenger: number; delta: number }[];
}

/** What the stages found, for the closing figures and the report; unset until a stage runs. */
export interface LifecycleFacts {
  /** The drift applied to traffic, described (features moved, positives rate). */
  shift?: string;
  trafficSource?: string;
  /** Seconds on the timeline at which each trigger first fired. */
  firstFired?: Record<string, number>;
  triggers?: TriggerResult[];
  /** What `modelship ct-ingest --json` printed. */
  ingest?: Pick<IngestResult, 'read' | 'appended' | 'quarantined' | 'dataMd5After'>;
  championChallenger?: GateEvidence;
  v2?: number;
  v3?: number;
  /** The service checks that rolled v3 back, or null when it was not rolled back. */
  rolledBackBy?: string | null;
  /** Requests that failed during the promotion and the rollback; null when not measured. */
  failedDuringSwaps?: number | null;
}

/** Everything the stages share. */
export interface LifecycleContext {
  workspace: DemoWorkspace;
  options: LifecycleOptions;
  timeline: Timeline;
  logDir: string;
  token: string;
  /** Environment every command and the service get (registry, feedback store). */
  env: Record<string, string>;
  service?: ServiceProcess;
  simulator?: TrafficSimulator;
  sampler?: ServiceSampler;
  marks: LifecycleMarks;
  facts: LifecycleFacts;
  log: (line: string) => void;
}

export function logDirOf(workspace: DemoWorkspace): string {
  return join(workspace.root, 'logs');
}

/**
 * Runs a modelship command in the demo workspace and notes it on the timeline; an exit code
 * outside `expect` fails the stage with the command, its code, its log file and its last lines.
 */
export async function runStep(
  ctx: LifecycleContext,
  stage: string,
  args: readonly string[],
  expect: readonly number[] = [0],
  env: Record<string, string> = {},
): Promise<CommandRun> {
  const run = await runModelship(args, {
    root: ctx.workspace.root,
    logDir: ctx.logDir,
    env: { ...ctx.env, ...env },
  });
  ctx.timeline.note(stage, `${run.command} -> exit ${run.code} (${run.seconds.toFixed(1)} s)`);
  if (!expect.includes(run.code)) {
    throw new DemoError(
      'E_DEMO_STAGE',
      `stage ${stage}: \`${run.command}\` exited ${run.code}, expected ${expect.join(' or ')} (log ${run.log}):\n${tailOf(run)}`,
      stage,
    );
  }
  return run;
}

/** The JSON object a `--json` command printed (CI output lines around it are ignored). */
export function readJsonOutput<T>(run: CommandRun): T {
  const start = run.stdout.indexOf('{');
  const end = run.stdout.lastIndexOf('}');
  try {
    return JSON.parse(run.stdout.slice(start, end + 1)) as T;
  } catch (error) {
    throw new DemoError(
      'E_DEMO_OUTPUT',
      `\`${run.command}\` did not print JSON (log ${run.log})`,
      run.command,
      { cause: error },
    );
  }
}

export function failStage(stage: string, message: string): never {
  throw new DemoError('E_DEMO_STAGE', `stage ${stage}: ${message}`, stage);
}
