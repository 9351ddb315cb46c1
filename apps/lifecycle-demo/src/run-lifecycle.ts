import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DEFAULT_PATHS } from '@modelship/params';
import { openRegistry } from '@modelship/model-registry';
import { parseCtParams } from '@modelship/continuous-training';
import { createDemoWorkspace } from './demo-workspace.js';
import { detectDrift, replayDriftedTraffic, serveFirstModel } from './drift-stages.js';
import {
  DEFAULT_LIFECYCLE_OPTIONS,
  failStage,
  logDirOf,
  type LifecycleContext,
  type LifecycleOptions,
} from './lifecycle-context.js';
import { writeLifecycleReport } from './lifecycle-report.js';
import { canaryChallenger, retrainChallenger, rollBackBadModel } from './rollout-stages.js';
import { Timeline, type TimelineEvent } from './timeline.js';

export interface LifecycleResult {
  workspace: string;
  reportDir: string;
  passed: boolean;
  failure: string | null;
  figures: [string, string][];
  seconds: number;
  /** The stages' facts (shift, triggers, champion vs challenger, versions) and moments. */
  facts: LifecycleContext['facts'];
  marks: LifecycleContext['marks'];
  timeline: TimelineEvent[];
}

/**
 * The whole loop on the embedded defaults, in an isolated copy of the workspace: (a) train and
 * serve v1, (b) replay drifted traffic with delayed labels, (c) ct-check fires, (d) ct-ingest and
 * the pipeline train v2, champion vs challenger, (e) ct-rollout canaries v2 until promoted,
 * (f) a model trained on shuffled labels is canaried and rolled back. The report is written
 * whatever happens; `passed` is false, naming the stage, when a stage misbehaved.
 */
export async function runLifecycle(
  sourceRoot: string,
  options: Partial<LifecycleOptions> & {
    dir?: string;
    print?: (line: string) => void;
    /** Where the report is copied too; null: nowhere. @default <sourceRoot>/reports/lifecycle */
    copyReportTo?: string | null;
  } = {},
): Promise<LifecycleResult> {
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const workspace = await createDemoWorkspace(sourceRoot, options.dir);
  const ctx: LifecycleContext = {
    workspace,
    options: { ...DEFAULT_LIFECYCLE_OPTIONS, ...options },
    timeline: new Timeline(print),
    logDir: logDirOf(workspace),
    token: randomBytes(24).toString('hex'),
    env: {
      MODEL_REGISTRY: workspace.registryUrl,
      FEEDBACK_STORE: workspace.feedbackStore,
      GITHUB_OUTPUT: '',
      GITHUB_STEP_SUMMARY: '',
      TF_BUILD: '',
    },
    marks: {},
    facts: {},
    log: () => undefined,
  };
  ctx.timeline.note(
    'setup',
    `demo workspace ${relative(sourceRoot, workspace.root)} (logs in logs/)`,
  );
  let failure: string | null = null;
  // Ctrl+C: stop the service this demo started before leaving.
  const interrupt = () =>
    void (ctx.service?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    await serveFirstModel(ctx);
    const drifted = await replayDriftedTraffic(ctx);
    await detectDrift(ctx);
    await retrainChallenger(ctx);
    await canaryChallenger(ctx, drifted);
    await rollBackBadModel(ctx, drifted);
    await ctx.simulator?.stop();
    await checkRegistry(ctx);
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
    ctx.timeline.note('failed', failure.split('\n')[0] ?? failure);
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
    await ctx.simulator?.stop();
    await ctx.sampler?.stop();
    await ctx.service?.stop();
  }
  const figures = computeFigures(ctx);
  if (!failure && ctx.facts.failedDuringSwaps !== 0) {
    failure = `stage swaps: ${String(ctx.facts.failedDuringSwaps)} requests failed during the promotion and rollback`;
  }
  const reportDir = join(workspace.root, DEFAULT_PATHS.lifecycleReports);
  const ct = parseCtParams(workspace.params as unknown as Record<string, unknown>);
  writeLifecycleReport(reportDir, {
    startedAt: new Date(ctx.timeline.started).toISOString(),
    seconds: ctx.timeline.now(),
    failure,
    figures,
    timeline: ctx.timeline.events,
    samples: ctx.sampler?.samples ?? [],
    maxPsi: ct.drift?.maxPsi,
  });
  const copyTo =
    options.copyReportTo === undefined
      ? join(sourceRoot, DEFAULT_PATHS.lifecycleReports)
      : options.copyReportTo;
  if (copyTo) {
    mkdirSync(copyTo, { recursive: true });
    cpSync(reportDir, copyTo, { recursive: true });
  }
  return {
    workspace: workspace.root,
    reportDir,
    passed: failure === null,
    failure,
    figures,
    seconds: ctx.timeline.now(),
    facts: ctx.facts,
    marks: ctx.marks,
    timeline: ctx.timeline.events,
  };
}

// --- internal ---

// The registry must tell the same story: v2 in production, v3 archived, each move with a reason.
async function checkRegistry(ctx: LifecycleContext): Promise<void> {
  const { params } = ctx.workspace;
  const registry = await openRegistry(ctx.workspace.registryUrl, { root: ctx.workspace.root });
  const versions = await registry.listVersions(params.model.name);
  const stageOf = (version: unknown) => versions.find((v) => v.version === version)?.stage;
  const history = await registry.history(params.model.name);
  for (const event of history) {
    const move = event.action === 'register' ? 'registered' : `${event.from} -> ${event.to}`;
    ctx.timeline.note(
      'registry',
      `v${event.version} ${move} by ${event.by}: ${event.reason ?? ''}`,
    );
  }
  if (stageOf(ctx.facts.v2) !== 'production') {
    failStage(
      'registry',
      `v${String(ctx.facts.v2)} is ${stageOf(ctx.facts.v2)}, expected production`,
    );
  }
  if (stageOf(ctx.facts.v3) !== 'archived') {
    failStage(
      'registry',
      `v${String(ctx.facts.v3)} is ${stageOf(ctx.facts.v3)}, expected archived`,
    );
  }
}

function computeFigures(ctx: LifecycleContext): [string, string][] {
  const { marks } = ctx;
  const stats = ctx.simulator?.stats;
  const failures = stats?.failures ?? [];
  const swaps = failures.length - (marks.failuresBeforeSwaps ?? failures.length);
  ctx.facts.failedDuringSwaps = marks.failuresBeforeSwaps === undefined ? null : swaps;
  const span = (from?: number, to?: number) =>
    from === undefined || to === undefined ? 'n/a' : `${(to - from).toFixed(1)} s`;
  const fired = ctx.facts.firstFired ?? {};
  const evidence = ctx.facts.championChallenger;
  const decisive = evidence?.metrics.find((m) => m.metric === evidence.metric);
  return [
    ['drift', String(ctx.facts.shift ?? 'n/a')],
    [
      'time to detect (drift starts -> ct-check exits 3)',
      span(marks.driftStarted, marks.driftDetected),
    ],
    ...Object.entries(fired).map(([trigger, t]): [string, string] => [
      `  ${trigger} trigger first fired after`,
      span(marks.driftStarted, t),
    ]),
    [
      `champion v${evidence?.champion.version ?? '?'} vs challenger on the same holdout (${decisive?.metric ?? 'n/a'})`,
      decisive ? `${decisive.champion.toFixed(4)} -> ${decisive.challenger.toFixed(4)}` : 'n/a',
    ],
    ['time from trigger to promotion of v2', span(marks.driftDetected, marks.v2Promoted)],
    ['  of which the canary (ct-rollout)', span(marks.v2RolloutStarted, marks.v2Promoted)],
    ['time from v3 canary start to its rollback', span(marks.v3RolloutStarted, marks.v3RolledBack)],
    ['v3 rolled back by', String(ctx.facts.rolledBackBy ?? 'n/a')],
    ['requests sent (predict)', String(stats?.requests ?? 0)],
    [
      'requests failed during the promotion and rollback',
      String(ctx.facts.failedDuringSwaps ?? 'n/a'),
    ],
    ['requests failed in total', String(failures.length)],
    ['labelled rows accepted', String(stats?.labelled ?? 0)],
  ];
}
