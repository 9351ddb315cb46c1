import { SERVING_PATHS } from '@modelship/serving-contract';
import autocannon from 'autocannon';
import type { AutocannonRequest } from 'autocannon';
import { describeInferChecks, findFailedChecks, predictChecks } from '../lib/checks.js';
import type { Check } from '../lib/checks.js';
import { buildV2Request, createRowGenerator } from '../lib/payloads.js';
import type { Scenario } from '../lib/scenarios.js';
import { parseDuration } from '../lib/scenarios.js';
import type { Target } from '../lib/target.js';

export interface StageRun {
  connections: number;
  seconds: number;
}

export interface LoadResult {
  requests: number;
  /** Requests that failed: connection errors, timeouts and non-2xx answers. */
  failed: number;
  checks: number;
  failedChecks: Map<string, number>;
  /** Latency of every answered request, in ms. */
  latencies: number[];
  seconds: number;
}

export interface RunOptions {
  baseUrl: string;
  target: Target;
  batchSize: number;
  /** Multiplies every stage's duration (0.1: a tenth as long, at least 1 s per stage). */
  scale: number;
}

/**
 * The autocannon runs that approximate a k6 scenario: one run per stage with as many connections
 * as the stage's target users (a ramp becomes a step; stages ramping down to 0 users are skipped).
 */
export function planStages(scenario: Scenario, scale: number): StageRun[] {
  return scenario.stages
    .filter((stage) => stage.target > 0)
    .map((stage) => ({
      connections: stage.target,
      seconds: Math.max(1, Math.round(parseDuration(stage.duration) * scale)),
    }));
}

/** Runs the stages one after the other, each iteration a /predict then a V2 infer, like k6. */
export async function runStages(stages: StageRun[], options: RunOptions): Promise<LoadResult> {
  const result: LoadResult = {
    requests: 0,
    failed: 0,
    checks: 0,
    failedChecks: new Map(),
    latencies: [],
    seconds: 0,
  };
  const nextRow = createRowGenerator(options.target.instance, { seed: 1 });
  const requests = buildRequests(options, nextRow, result);
  for (const stage of stages) {
    const started = performance.now();
    await runStage(options.baseUrl, stage, requests, result);
    result.seconds += (performance.now() - started) / 1000;
  }
  return result;
}

// --- internal ---

function buildRequests(
  { target, batchSize }: RunOptions,
  nextRow: () => Record<string, unknown>,
  result: LoadResult,
): AutocannonRequest[] {
  const headers = { 'content-type': 'application/json' };
  const record = (checks: Record<string, Check>) => (status: number, body: string) => {
    result.checks += Object.keys(checks).length;
    for (const name of findFailedChecks(checks, status, body)) {
      result.failedChecks.set(name, (result.failedChecks.get(name) ?? 0) + 1);
    }
  };
  return [
    {
      method: 'POST',
      path: SERVING_PATHS.predict,
      headers,
      setupRequest: (request) => ({ ...request, body: JSON.stringify(nextRow()) }),
      onResponse: record(predictChecks),
    },
    {
      method: 'POST',
      path: SERVING_PATHS.v2Infer.replace('{model}', encodeURIComponent(target.model)),
      headers,
      setupRequest: (request) => {
        const rows = Array.from({ length: batchSize }, nextRow);
        return { ...request, body: JSON.stringify(buildV2Request(rows, target.rawInputs)) };
      },
      onResponse: record(describeInferChecks(batchSize)),
    },
  ];
}

function runStage(
  url: string,
  stage: StageRun,
  requests: AutocannonRequest[],
  result: LoadResult,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url, connections: stage.connections, duration: stage.seconds, timeout: 10, requests },
      (error) => (error ? reject(error) : resolve()),
    );
    instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
      result.requests += 1;
      if (status < 200 || status >= 300) result.failed += 1;
      result.latencies.push(ms);
    });
    // Connection errors and timeouts: failed requests that never got an answer.
    instance.on('reqError', () => {
      result.requests += 1;
      result.failed += 1;
    });
  });
}
