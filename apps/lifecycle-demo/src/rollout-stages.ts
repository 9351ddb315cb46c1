import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_PATHS } from '@modelship/params';
import { openRegistry } from '@modelship/model-registry';
import type { RolloutChallengerResult } from '@modelship/continuous-training';
import { canaryBadModel } from './canary-bad-model.js';
import {
  failStage,
  readJsonOutput,
  runStep,
  type GateEvidence,
  type LifecycleContext,
} from './lifecycle-context.js';
import { trainShuffledModel } from './train-shuffled-model.js';
import type { TrafficRows } from './traffic-rows.js';

/**
 * (d) `ct-ingest` appends the labelled rows as a new data version, then the pipeline's steps
 * train v2 on it and the gate compares it with production (v1) on the same fresh holdout.
 */
export async function retrainChallenger(ctx: LifecycleContext): Promise<void> {
  const stage = 'd retrain';
  const ingest = readJsonOutput<{
    read: number;
    appended: number;
    quarantined: number;
    dataMd5After: string;
  }>(await runStep(ctx, stage, ['ct-ingest', '--json']));
  ctx.timeline.note(
    stage,
    `ingested ${ingest.read} feedback rows: ${ingest.appended} appended, ${ingest.quarantined} quarantined; data.dvc md5 ${ingest.dataMd5After}`,
  );
  ctx.facts.ingest = ingest;
  for (const args of [['data', 'verify'], ['validate'], ['train'], ['evaluate']]) {
    await runStep(ctx, stage, args);
  }
  const gate = await runStep(ctx, stage, ['gate'], [0, 1]);
  const file = join(ctx.workspace.root, DEFAULT_PATHS.bundle, 'gate.json');
  const report = JSON.parse(readFileSync(file, 'utf8')) as {
    passed: boolean;
    championChallenger?: GateEvidence;
  };
  const evidence = report.championChallenger;
  ctx.facts.championChallenger = evidence;
  const decisive = evidence?.metrics.find((m) => m.metric === evidence.metric);
  if (decisive) {
    ctx.timeline.note(
      stage,
      `champion v${evidence?.champion.version} vs challenger on the same holdout: ${decisive.metric} ${decisive.champion.toFixed(4)} -> ${decisive.challenger.toFixed(4)} (margin ${evidence?.margin}): ${evidence?.winner} wins`,
    );
  }
  if (gate.code !== 0 || !report.passed) {
    failStage(
      stage,
      `the challenger failed the gate (see ${file}); the drift was not learnable enough`,
    );
  }
}

/**
 * (e) `ct-rollout` registers v2 and canaries it through the admin API while the drifted traffic
 * keeps the checks supplied; the service's checks promote it.
 */
export async function canaryChallenger(ctx: LifecycleContext, drifted: TrafficRows): Promise<void> {
  const stage = 'e canary';
  const url = ctx.service?.url ?? failStage(stage, 'the service is not running');
  ctx.marks.failuresBeforeSwaps = ctx.simulator?.stats.failures.length ?? 0;
  ctx.simulator?.play(drifted);
  ctx.marks.v2RolloutStarted = ctx.timeline.note(
    stage,
    'drifted traffic resumed; ct-rollout starts',
  ).t;
  const run = await runStep(
    ctx,
    stage,
    ['ct-rollout', '--service-url', url, '--by', 'lifecycle-demo', '--json'],
    [0, 1],
    { ADMIN_TOKEN: ctx.token },
  );
  const result = readJsonOutput<RolloutChallengerResult>(run);
  for (const line of result.timeline) ctx.timeline.note(stage, `  ${line}`);
  ctx.facts.v2 = result.version;
  if (result.outcome !== 'promoted') {
    failStage(
      stage,
      `v${result.version} was ${result.outcome}, expected promoted (log ${run.log})`,
    );
  }
  ctx.marks.v2Promoted = ctx.timeline.note(stage, `v${result.version} promoted to production`).t;
}

/**
 * (f) A model trained on shuffled labels, registered past the gate it fails (on purpose, to show
 * the safety net), canaried; it must be rolled back automatically.
 */
export async function rollBackBadModel(ctx: LifecycleContext, drifted: TrafficRows): Promise<void> {
  const stage = 'f bad v3';
  await ctx.simulator?.stop();
  ctx.timeline.note(stage, 'traffic paused; training a model on shuffled labels');
  const bundleDir = await trainShuffledModel(ctx.workspace, {
    seed: ctx.options.seed + 3,
    logDir: ctx.logDir,
    onRun: (run) =>
      ctx.timeline.note(
        stage,
        `${run.command} (shuffled labels) -> exit ${run.code} (${run.seconds.toFixed(1)} s)`,
      ),
  });
  const registry = await openRegistry(ctx.workspace.registryUrl, { root: ctx.workspace.root });
  const reason =
    'lifecycle demo: trained on shuffled labels, registered deliberately WITHOUT passing the gate to show the canary safety net';
  const { version } = await registry.registerModel(bundleDir, {
    registeredBy: 'lifecycle-demo',
    reason,
  });
  await registry.promote(version.name, version.version, 'staging', {
    by: 'lifecycle-demo',
    reason,
  });
  ctx.facts.v3 = version.version;
  ctx.timeline.note(
    stage,
    `v${version.version} registered and put in staging, bypassing the gate (it would fail it)`,
  );
  ctx.simulator?.play(drifted);
  ctx.marks.v3RolloutStarted = ctx.timeline.now();
  const outcome = await canaryBadModel(ctx, version.version);
  if (outcome !== 'rolled_back') {
    failStage(stage, `v${version.version} was ${outcome}, expected rolled_back`);
  }
  ctx.marks.v3RolledBack = ctx.timeline.note(
    stage,
    `v${version.version} rolled back; stable keeps serving`,
  ).t;
}
