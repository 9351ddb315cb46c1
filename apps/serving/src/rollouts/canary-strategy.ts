import type { CanaryThresholds } from './canary-checks.js';
import { compareWindows, SampleWindow } from './canary-checks.js';
import type { LiveQualityThresholds } from './live-quality-check.js';
import { collectLabels, compareLiveQuality, LIVE_QUALITY_CHECKS } from './live-quality-check.js';
import { readNumberField, readStepsField } from './rollout-fields.js';
import type { RolloutHost, RolloutStrategy, StrategyRunner } from './rollout-types.js';

type CanaryOptions = CanaryThresholds &
  LiveQualityThresholds & {
    steps: number[];
    intervalMs: number;
    failureThreshold: number;
  };

/**
 * Canary: the candidate takes a growing share of traffic (`steps`), and every `intervalMs` its
 * error rate and p99 latency are compared with the stable version's over the same interval, and
 * its live quality (labels from `POST /feedback`) over all predictions since the canary started:
 * accuracy for classifiers (`maxAccuracyDrop`), mean absolute error for regression models
 * (`maxErrorIncrease`). All checks passing advances a step (past the last one: promotion); a
 * failed check counts towards `failureThreshold`, which rolls back at once; too few requests
 * holds the step and keeps collecting. An inconclusive live quality (no labels yet) never holds
 * nor fails a step.
 */
export const canaryStrategy: RolloutStrategy = {
  candidateVariant: 'canary',
  runningState: 'running',
  readOptions: (body) =>
    ({
      steps: readStepsField(body, 'steps', [0.05, 0.25, 0.5, 1]),
      intervalMs: readNumberField(body, 'intervalMs', 60_000, { min: 10, integer: true }),
      minSamples: readNumberField(body, 'minSamples', 100, { min: 1, integer: true }),
      maxErrorRateIncrease: readNumberField(body, 'maxErrorRateIncrease', 0.01, { max: 1 }),
      maxP99Ratio: readNumberField(body, 'maxP99Ratio', 1.5, { min: 1 }),
      p99ToleranceMs: readNumberField(body, 'p99ToleranceMs', 2),
      failureThreshold: readNumberField(body, 'failureThreshold', 2, { min: 1, integer: true }),
      minLabelledRows: readNumberField(body, 'minLabelledRows', 50, { min: 1, integer: true }),
      maxAccuracyDrop: readNumberField(body, 'maxAccuracyDrop', 0.05, { max: 1 }),
      maxErrorIncrease: readNumberField(body, 'maxErrorIncrease', 0.1),
    }) satisfies CanaryOptions,
  begin: (host, options) => runCanary(host, options as unknown as CanaryOptions),
};

// --- internal ---

function runCanary(host: RolloutHost, options: CanaryOptions): StrategyRunner {
  let step = 0;
  let failures = 0;
  let busy = false;
  let windows = { stable: new SampleWindow(), canary: new SampleWindow() };
  // At weight 1 the stable version gets no traffic: compare with its last full window.
  let baseline: SampleWindow | null = null;
  // Labels join the version that made the prediction, whenever they arrive.
  const labelled = collectLabels(host.stable, host.candidate, Date.now());
  const unsubscribe = host.monitor.onLabelled(labelled.listener);

  const evaluate = async (): Promise<void> => {
    if (busy) return;
    const { stable: current, canary } = windows;
    const stable = current.size < options.minSamples && baseline ? baseline : current;
    const outcomes = [
      ...compareWindows(stable, canary, options),
      compareLiveQuality(labelled.stable, labelled.candidate, options),
    ];
    for (const { check, result, detail } of outcomes) host.recordCheck(check, result, detail);
    const failed = outcomes.filter((outcome) => outcome.result === 'failed');
    const held = outcomes.some(
      (o) => o.result === 'inconclusive' && !LIVE_QUALITY_CHECKS.includes(o.check),
    );
    if (held && failed.length === 0) return;
    if (!held) {
      windows = { stable: new SampleWindow(), canary: new SampleWindow() };
      if (stable === current) baseline = current;
    }
    const summary = outcomes.map((o) => `${o.check} ${o.result} (${o.detail})`).join('; ');
    busy = true;
    try {
      if (failed.length > 0) {
        failures++;
        host.recordEvent('checks_failed', `${failures}/${options.failureThreshold}: ${summary}`);
        if (failures >= options.failureThreshold) {
          await host.rollback(`canary checks failed ${failures} time(s): ${summary}`);
        }
      } else if (step === options.steps.length - 1) {
        await host.promote(`canary passed ${options.steps.length} steps; last checks: ${summary}`);
      } else {
        step++;
        host.recordEvent('step', `weight ${options.steps[step]} after checks passed: ${summary}`);
        host.publish();
      }
    } finally {
      busy = false;
    }
  };
  // Only the deciding process checks; in cluster mode the others follow its steps and outcome.
  const timer = host.decides ? setInterval(() => void evaluate(), options.intervalMs) : null;
  timer?.unref();

  return {
    weights: () => ({ stable: 1 - options.steps[step], canary: options.steps[step] }),
    step: () => step,
    setStep: (next) => {
      step = Math.min(Math.max(0, next), options.steps.length - 1);
    },
    route: () => (Math.random() < options.steps[step] ? host.candidate : host.stable),
    observe: (variant, seconds, failed) => {
      if (variant === 'canary') windows.canary.add(seconds, failed);
      else if (variant === 'stable') windows.stable.add(seconds, failed);
    },
    stop: () => {
      if (timer) clearInterval(timer);
      unsubscribe();
    },
  };
}
