import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TriggerCheck, TriggerResult } from '@modelship/continuous-training';
import { DEFAULT_PATHS } from '@modelship/params';
import { failStage, readJsonOutput, runStep, type LifecycleContext } from './lifecycle-context.js';
import { setDemoParam } from './demo-workspace.js';
import { ServiceSampler } from './sample-service.js';
import { startService } from './service-process.js';
import { applyDriftShift, chooseDriftShift, describeDriftShift } from './shift-traffic.js';
import { TrafficSimulator } from './simulate-traffic.js';
import { loadTrafficRows, type TrafficRows } from './traffic-rows.js';

/** The live-accuracy drop below v1's test accuracy that fires the retraining trigger. */
const LIVE_ACCURACY_DROP = 0.05;

/** (a) The pipeline trains and registers v1 (production), and the service starts serving it. */
export async function serveFirstModel(ctx: LifecycleContext): Promise<void> {
  await runStep(ctx, 'a v1', ['start']);
  const accuracy = readBundleAccuracy(ctx.workspace.root);
  if (accuracy !== null) {
    const threshold = Math.round((accuracy - LIVE_ACCURACY_DROP) * 1000) / 1000;
    setDemoParam(ctx.workspace, ['ct', 'live', 'min_accuracy'], threshold);
    ctx.timeline.note(
      'a v1',
      `v1 test accuracy ${accuracy.toFixed(3)}: ct.live.min_accuracy set to ${threshold} (a ${LIVE_ACCURACY_DROP * 100}-point drop fires)`,
    );
  }
  ctx.service = await startService({
    root: ctx.workspace.root,
    logDir: ctx.logDir,
    env: {
      ...ctx.env,
      ADMIN_TOKEN: ctx.token,
      DRIFT_WINDOW: '1000',
      FEEDBACK_WINDOW: '500',
      REGISTRY_POLL_MS: '1000',
      WORKERS: '1',
      LOG_LEVEL: 'warn',
    },
  });
  ctx.timeline.note('a v1', `service ready at ${ctx.service.url} (serving the production model)`);
  ctx.sampler = new ServiceSampler(ctx.service.url, ctx.token, ctx.timeline.started);
  ctx.sampler.start(1000);
}

/**
 * (b) Normal traffic first (fresh customers, labels a second later), then the shifted world:
 * two features move and positives double. Returns the shifted rows, replayed again later.
 */
export async function replayDriftedTraffic(ctx: LifecycleContext): Promise<TrafficRows> {
  const { options } = ctx;
  const service = ctx.service ?? failStage('b drift', 'the service is not running');
  const pool = await loadTrafficRows(ctx.workspace, {
    count: options.poolRows,
    seed: options.seed,
    workDir: join(ctx.workspace.root, 'tmp'),
  });
  const shift = chooseDriftShift(pool, options.shift);
  const shifted = applyDriftShift(pool, shift, { count: options.poolRows, seed: options.seed + 1 });
  ctx.facts.shift = describeDriftShift(shift);
  ctx.facts.trafficSource = pool.source;
  ctx.simulator = new TrafficSimulator({
    serviceUrl: service.url,
    batchSize: options.batchSize,
    requestsPerSecond: options.requestsPerSecond,
    feedbackDelayMs: options.feedbackDelayMs,
  });
  ctx.timeline.note('b drift', `normal traffic: ${pool.rows.length} customers from ${pool.source}`);
  ctx.simulator.play(pool);
  if (!(await ctx.simulator.waitForLabels(options.baselineLabels, 120_000))) {
    failStage('b drift', `fewer than ${options.baselineLabels} labels accepted in 120 s`);
  }
  ctx.marks.driftStarted = ctx.timeline.note('b drift', `drift starts: ${ctx.facts.shift}`).t;
  ctx.simulator.play(shifted);
  return shifted;
}

/**
 * (c) `modelship ct-check --service-url` every few seconds while drifted traffic and its labels
 * arrive, noting when each trigger first fires (exit 3: retrain), until a trigger has fired and
 * enough drifted rows are labelled to retrain on; then pauses the traffic so training has the
 * machine.
 */
export async function detectDrift(ctx: LifecycleContext): Promise<void> {
  const stage = 'c detect';
  const simulator = ctx.simulator ?? failStage(stage, 'no traffic is running');
  const url = ctx.service?.url ?? failStage(stage, 'the service is not running');
  const labelledAtDrift = simulator.stats.labelled;
  const until = Date.now() + ctx.options.detectTimeoutMs;
  const firstFired: Record<string, number> = {};
  let check: TriggerCheck | null = null;
  for (;;) {
    const run = await runStep(ctx, stage, ['ct-check', '--service-url', url, '--json'], [0, 3]);
    check = readJsonOutput<TriggerCheck>(run);
    for (const result of check.results.filter((r) => r.fired && !(r.trigger in firstFired))) {
      firstFired[result.trigger] = ctx.timeline.note(stage, `FIRED ${describe(result)}`).t;
    }
    const labelled = simulator.stats.labelled - labelledAtDrift;
    if (check.retrain && labelled >= ctx.options.driftLabels) break;
    if (Date.now() > until) {
      failStage(
        stage,
        check.retrain
          ? `only ${labelled} of ${ctx.options.driftLabels} drifted rows were labelled`
          : `ct-check fired no trigger in ${ctx.options.detectTimeoutMs / 1000} s`,
      );
    }
    await sleep(2000);
  }
  ctx.marks.driftDetected = Math.min(...Object.values(firstFired));
  ctx.facts.firstFired = firstFired;
  ctx.facts.triggers = check.results;
  for (const result of check.results) {
    ctx.timeline.note(stage, `  ${result.fired ? 'fired' : 'quiet'} ${describe(result)}`);
  }
  await simulator.stop();
  ctx.timeline.note(
    stage,
    `traffic paused for retraining: ${simulator.stats.labelled - labelledAtDrift} drifted rows labelled`,
  );
}

// --- internal ---

function describe(result: TriggerResult): string {
  const value = result.value === null ? 'n/a' : result.value.toFixed(3);
  return `${result.trigger}: ${value} ${result.comparator} ${result.threshold} (${result.reason})`;
}

function readBundleAccuracy(root: string): number | null {
  try {
    const metrics = JSON.parse(
      readFileSync(join(root, DEFAULT_PATHS.bundle, 'metrics.json'), 'utf8'),
    ) as { accuracy?: unknown };
    return typeof metrics.accuracy === 'number' ? metrics.accuracy : null;
  } catch {
    return null;
  }
}
