import {
  DEFAULT_FEEDBACK_STORE_URL,
  DEFAULT_PATHS,
  validateParamsSection,
} from '@modelship/params';

/** A fifth of an ingest's rows refused means something upstream broke, not a few bad labels. */
export const DEFAULT_MAX_QUARANTINE_SHARE = 0.2;

export type RolloutStrategy = 'canary' | 'shadow_then_canary';

/** params.yaml's `ct:` and `feedback:` sections, checked, with defaults filled in. */
export interface CtParams {
  /** Where the feedback watermark of each data version is kept. */
  stateFile: string;
  feedbackStore: string;
  /** Unset triggers are off. */
  drift: { maxPsi: number; minWindowRows: number } | null;
  live: {
    /** Classification floors (ROC AUC: binary only). */
    minAccuracy: number | null;
    minRocAuc: number | null;
    minMacroF1: number | null;
    /** Regression ceilings, in the target's units. */
    maxRmse: number | null;
    maxMae: number | null;
    minLabelledRows: number;
  } | null;
  newLabelledRows: number | null;
  schedule: { maxModelAgeDays: number } | null;
  quarantineDir: string;
  /** Above this share of quarantined rows an ingest appends nothing and fails. */
  maxQuarantineShare: number;
  rollout: {
    strategy: RolloutStrategy;
    /** Extra options for POST /admin/rollout (steps, intervalMs, minSamples, ...), as given. */
    canary: Record<string, unknown>;
    shadow: Record<string, unknown>;
    /** How long the shadow phase runs before the canary starts. */
    shadowMs: number;
    timeoutMs: number;
    pollMs: number;
  };
}

/**
 * Reads the `ct:` and `feedback:` sections of params.yaml. Every key is optional; a trigger
 * whose section is absent (or null) never fires.
 * @throws ParamsError naming the key, the value and what is allowed (params.schema.json)
 */
export function parseCtParams(params: Readonly<Record<string, unknown>>): CtParams {
  validateParamsSection(params, 'ct');
  validateParamsSection(params, 'feedback');
  const ct = readSection(params, 'ct');
  const feedback = readSection(params, 'feedback');
  const drift = readSection(ct, 'drift', 'ct.drift', true);
  const live = readSection(ct, 'live', 'ct.live', true);
  const schedule = readSection(ct, 'schedule', 'ct.schedule', true);
  const ingest = readSection(ct, 'ingest', 'ct.ingest');
  const rollout = readSection(ct, 'rollout', 'ct.rollout');
  const strategy = (readString(rollout, 'strategy', 'ct.rollout.strategy') ??
    'canary') as RolloutStrategy;
  return {
    stateFile: readString(ct, 'state', 'ct.state') ?? DEFAULT_PATHS.ctState,
    feedbackStore: readString(feedback, 'store', 'feedback.store') ?? DEFAULT_FEEDBACK_STORE_URL,
    drift: drift && {
      maxPsi: readNumber(drift, 'max_psi', 'ct.drift.max_psi') ?? 0.2,
      minWindowRows: readNumber(drift, 'min_window_rows', 'ct.drift.min_window_rows') ?? 500,
    },
    live: live && {
      minAccuracy: readNumber(live, 'min_accuracy', 'ct.live.min_accuracy', 1),
      minRocAuc: readNumber(live, 'min_roc_auc', 'ct.live.min_roc_auc', 1),
      minMacroF1: readNumber(live, 'min_macro_f1', 'ct.live.min_macro_f1', 1),
      maxRmse: readNumber(live, 'max_rmse', 'ct.live.max_rmse'),
      maxMae: readNumber(live, 'max_mae', 'ct.live.max_mae'),
      minLabelledRows: readNumber(live, 'min_labelled_rows', 'ct.live.min_labelled_rows') ?? 200,
    },
    newLabelledRows: readNumber(ct, 'new_labelled_rows', 'ct.new_labelled_rows'),
    schedule: schedule && {
      maxModelAgeDays:
        readNumber(schedule, 'max_model_age_days', 'ct.schedule.max_model_age_days') ?? 30,
    },
    quarantineDir:
      readString(ingest, 'quarantine_dir', 'ct.ingest.quarantine_dir') ?? DEFAULT_PATHS.quarantine,
    maxQuarantineShare:
      readNumber(ingest, 'max_quarantine_share', 'ct.ingest.max_quarantine_share') ??
      DEFAULT_MAX_QUARANTINE_SHARE,
    rollout: {
      strategy,
      canary: readSection(rollout, 'canary', 'ct.rollout.canary'),
      shadow: readSection(rollout, 'shadow', 'ct.rollout.shadow'),
      shadowMs: readNumber(rollout, 'shadow_ms', 'ct.rollout.shadow_ms') ?? 60_000,
      timeoutMs: readNumber(rollout, 'timeout_ms', 'ct.rollout.timeout_ms') ?? 900_000,
      pollMs: readNumber(rollout, 'poll_ms', 'ct.rollout.poll_ms') ?? 1_000,
    },
  };
}

// --- internal ---
// params.schema.json has checked every type and range; these only read, with null for unset.

function readSection(
  parent: Readonly<Record<string, unknown>>,
  key: string,
  path?: string,
): Record<string, unknown>;
function readSection(
  parent: Readonly<Record<string, unknown>>,
  key: string,
  path: string,
  optional: true,
): Record<string, unknown> | null;
function readSection(
  parent: Readonly<Record<string, unknown>>,
  key: string,
  _path = key,
  optional = false,
): Record<string, unknown> | null {
  const value = parent[key];
  if (value === undefined || value === null) return optional ? null : {};
  return value as Record<string, unknown>;
}

function readString(
  section: Readonly<Record<string, unknown>>,
  key: string,
  _path: string,
): string | null {
  return (section[key] as string | null | undefined) ?? null;
}

function readNumber(
  section: Readonly<Record<string, unknown>>,
  key: string,
  _path: string,
  _max?: number,
): number | null {
  return (section[key] as number | null | undefined) ?? null;
}
