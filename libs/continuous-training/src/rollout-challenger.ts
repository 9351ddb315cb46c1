import { getBundleTask, readBundleMetadata } from '@modelship/model-bundle';
import { readTask } from '@modelship/params';
import { openRegistry, selectRegistryUrl, type ModelRegistry } from '@modelship/model-registry';
import type { CtContext } from './ct-context.js';
import { createAdminClient } from './admin-client.js';
import { CtError } from './ct-error.js';
import { parseCtParams } from './ct-params.js';
import { runRollout, type RolloutOutcome } from './run-rollout.js';

export interface RolloutChallengerOptions {
  bundleDir: string;
  serviceUrl: string;
  /** The service's ADMIN_TOKEN. */
  token: string | undefined;
  by?: string;
}

export interface RolloutChallengerResult {
  version: number;
  /** `rejected`: the gate failed, the challenger was archived and never served. */
  outcome: RolloutOutcome | 'rejected';
  timeline: string[];
}

/**
 * The last step of continuous training. A challenger whose gate failed is registered and archived
 * with the gate's reasons. One that passed is registered (stage staging, with the champion-vs-
 * challenger verdict as the reason) and rolled out through the service's admin API; the
 * service's checks promote or roll it back, and the registry ends up recording that outcome.
 * @throws CtError `E_CT_TASK` when the bundle predicts another task than params.yaml declares
 *   (nothing is registered: the service would judge it against the wrong kind of labels)
 */
export async function rolloutChallenger(
  ctx: CtContext,
  options: RolloutChallengerOptions,
): Promise<RolloutChallengerResult> {
  const ct = parseCtParams(ctx.params as unknown as Record<string, unknown>);
  const metadata = await readBundleMetadata(options.bundleDir);
  const { gate } = metadata;
  const task = readTask(ctx.params);
  if (getBundleTask(metadata) !== task) {
    throw new CtError(
      'E_CT_TASK',
      `${options.bundleDir} is a ${getBundleTask(metadata)} model but params.yaml declares task ${task}: retrain the challenger with this workspace's params (\`modelship train\`) before rolling it out.`,
      options.bundleDir,
    );
  }
  if (!gate) {
    throw new CtError(
      'E_CT_NO_GATE',
      `${options.bundleDir} has no gate decision: run \`modelship gate --bundle ${options.bundleDir}\` first.`,
      options.bundleDir,
    );
  }
  const registry = await openRegistry(selectRegistryUrl(ctx.params.registry?.url), {
    root: ctx.root,
  });
  const verdict = gate.reasons.at(-1) ?? (gate.passed ? 'gate passed' : 'gate failed');
  const { version } = await registry.registerModel(options.bundleDir, {
    registeredBy: options.by,
    reason: `challenger (${gate.passed ? 'gate passed' : 'gate failed'}): ${verdict}`,
    allowExisting: true,
  });
  const { name } = version;
  const transition = { by: options.by };
  if (!gate.passed) {
    const failed = gate.reasons.filter((reason) => reason.endsWith('FAIL')).join('; ');
    await moveTo(
      registry,
      name,
      version.version,
      'archived',
      `challenger failed the gate: ${failed || verdict}`,
      transition,
    );
    ctx.log(
      `ct-rollout: ${name} v${version.version} failed the gate and is archived; production is unchanged`,
    );
    return { version: version.version, outcome: 'rejected', timeline: [] };
  }
  await moveTo(registry, name, version.version, 'staging', `challenger: ${verdict}`, transition);
  const admin = createAdminClient(options.serviceUrl, options.token);
  const run = await runRollout(admin, version.version, ct.rollout, ctx.log);
  const last = run.status.history.at(-1)?.detail ?? run.outcome;
  if (run.outcome === 'promoted') {
    await moveTo(
      registry,
      name,
      version.version,
      'production',
      `canary promoted by the service: ${last}`,
      transition,
    );
  } else if (run.outcome === 'rolled_back') {
    await moveTo(
      registry,
      name,
      version.version,
      'archived',
      `canary rolled back by the service: ${last}`,
      transition,
    );
  }
  return { version: version.version, outcome: run.outcome, timeline: run.timeline };
}

// --- internal ---

// The service may have recorded the move already (it promotes and archives as the contract says).
async function moveTo(
  registry: ModelRegistry,
  name: string,
  version: number,
  stage: 'staging' | 'production' | 'archived',
  reason: string,
  options: { by?: string },
): Promise<void> {
  const current = await registry.getVersion(name, { version });
  if (current.stage === stage) return;
  await registry.promote(name, version, stage, { ...options, reason });
}
