import {
  createAdminClient,
  parseCtParams,
  runRollout,
  type RolloutOutcome,
} from '@modelship/continuous-training';
import { failStage, type LifecycleContext } from './lifecycle-context.js';

const STAGE = 'f bad v3';

/**
 * Canaries `version` with the settings `ct-rollout` uses (params.yaml `ct.rollout.canary`) and
 * follows it to the end, printing every check. Nothing here judges the model: the service's
 * canary checks (error rate, p99 latency, live accuracy from the labels) must roll it back.
 */
export async function canaryBadModel(
  ctx: LifecycleContext,
  version: number,
): Promise<RolloutOutcome> {
  const url = ctx.service?.url ?? failStage(STAGE, 'the service is not running');
  const { rollout } = parseCtParams(ctx.workspace.params as unknown as Record<string, unknown>);
  const admin = createAdminClient(url, ctx.token);
  const run = await runRollout(admin, version, rollout, (line) =>
    ctx.timeline.note(STAGE, `  ${line}`),
  );
  const failed = run.status.checks.filter((check) => check.result === 'failed');
  ctx.facts.rolledBackBy =
    run.outcome === 'rolled_back'
      ? `the service's canary checks: ${[...new Set(failed.map((c) => c.check))].join(', ') || 'n/a'}`
      : null;
  return run.outcome;
}
