import { FINAL_ROLLOUT_STATES } from '@modelship/serving-contract';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AdminClient, RolloutStatus } from './admin-client.js';
import type { CtParams } from './ct-params.js';

export type RolloutOutcome = 'promoted' | 'rolled_back' | 'aborted' | 'timed_out';

export interface RolloutRun {
  outcome: RolloutOutcome;
  status: RolloutStatus;
  /** The timeline as printed: elapsed seconds, then what happened. */
  timeline: string[];
}

const FINAL = new Set<string>(FINAL_ROLLOUT_STATES);

/**
 * Sends a registered challenger to the service as a canary (after a shadow phase when
 * `ct.rollout.strategy` is shadow_then_canary), then follows `GET /admin/rollout` until the
 * service promotes or rolls it back, printing each check and event as it appears. On timeout
 * the rollout is aborted, so the stable version keeps all traffic.
 */
export async function runRollout(
  admin: AdminClient,
  version: number,
  rollout: CtParams['rollout'],
  print: (line: string) => void,
): Promise<RolloutRun> {
  const started = Date.now();
  const timeline: string[] = [];
  const note = (line: string) => {
    const entry = `+${((Date.now() - started) / 1000).toFixed(1)}s ${line}`;
    timeline.push(entry);
    print(entry);
  };
  const seen = new Set<string>();
  const follow = (status: RolloutStatus) => {
    for (const event of status.history) {
      const key = `h${event.at}${event.event}${event.detail}`;
      if (seen.has(key)) continue;
      seen.add(key);
      note(`${event.event}: ${event.detail}`);
    }
    for (const check of status.checks) {
      const key = `c${check.at}${check.check}${check.result}`;
      if (seen.has(key)) continue;
      seen.add(key);
      note(`check ${check.check} ${check.result}: ${check.detail}`);
    }
  };
  const poll = async (until: number) => {
    for (;;) {
      const status = await admin.status();
      follow(status);
      if (FINAL.has(status.state) || Date.now() >= until) return status;
      await sleep(rollout.pollMs);
    }
  };

  if (rollout.strategy === 'shadow_then_canary') {
    note(`shadow v${version} for ${rollout.shadowMs / 1000}s`);
    follow(await admin.start({ strategy: 'shadow', version, ...rollout.shadow }));
    await poll(Date.now() + rollout.shadowMs);
    follow(await admin.abort());
  }
  note(`canary v${version} (${JSON.stringify(rollout.canary)})`);
  follow(await admin.start({ strategy: 'canary', version, ...rollout.canary }));
  const status = await poll(started + rollout.timeoutMs);
  if (status.state === 'promoted' || status.state === 'rolled_back' || status.state === 'aborted') {
    note(`outcome: ${status.state}`);
    return { outcome: status.state, status, timeline };
  }
  note(`no decision after ${rollout.timeoutMs / 1000}s: aborting the rollout`);
  return { outcome: 'timed_out', status: await admin.abort(), timeline };
}
