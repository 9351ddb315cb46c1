import { CtError } from './ct-error.js';

/** The embedded feedback store, relative to the workspace root (serving's FEEDBACK_STORE default). */
export const DEFAULT_FEEDBACK_STORE = 'file:.modelship/feedback';

export type RolloutStrategy = 'canary' | 'shadow_then_canary';

/** params.yaml's `ct:` and `feedback:` sections, checked, with defaults filled in. */
export interface CtParams {
  /** Where the feedback watermark of each data version is kept. */
  stateFile: string;
  feedbackStore: string;
  /** Unset triggers are off. */
  drift: { maxPsi: number; minWindowRows: number } | null;
  live: { minAccuracy: number | null; minRocAuc: number | null; minLabelledRows: number } | null;
  newLabelledRows: number | null;
  schedule: { maxModelAgeDays: number } | null;
  quarantineDir: string;
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
 * @throws CtError naming the key and the value for anything of the wrong type
 */
export function parseCtParams(params: Readonly<Record<string, unknown>>): CtParams {
  const ct = readSection(params, 'ct');
  const feedback = readSection(params, 'feedback');
  const drift = readSection(ct, 'drift', 'ct.drift', true);
  const live = readSection(ct, 'live', 'ct.live', true);
  const schedule = readSection(ct, 'schedule', 'ct.schedule', true);
  const ingest = readSection(ct, 'ingest', 'ct.ingest');
  const rollout = readSection(ct, 'rollout', 'ct.rollout');
  const strategy = readString(rollout, 'strategy', 'ct.rollout.strategy') ?? 'canary';
  if (strategy !== 'canary' && strategy !== 'shadow_then_canary') {
    throw paramError('ct.rollout.strategy', strategy, 'use canary or shadow_then_canary');
  }
  return {
    stateFile: readString(ct, 'state', 'ct.state') ?? '.modelship/ct/state.json',
    feedbackStore: readString(feedback, 'store', 'feedback.store') ?? DEFAULT_FEEDBACK_STORE,
    drift: drift && {
      maxPsi: readNumber(drift, 'max_psi', 'ct.drift.max_psi') ?? 0.2,
      minWindowRows: readNumber(drift, 'min_window_rows', 'ct.drift.min_window_rows') ?? 500,
    },
    live: live && {
      minAccuracy: readNumber(live, 'min_accuracy', 'ct.live.min_accuracy', 1),
      minRocAuc: readNumber(live, 'min_roc_auc', 'ct.live.min_roc_auc', 1),
      minLabelledRows: readNumber(live, 'min_labelled_rows', 'ct.live.min_labelled_rows') ?? 200,
    },
    newLabelledRows: readNumber(ct, 'new_labelled_rows', 'ct.new_labelled_rows'),
    schedule: schedule && {
      maxModelAgeDays:
        readNumber(schedule, 'max_model_age_days', 'ct.schedule.max_model_age_days') ?? 30,
    },
    quarantineDir:
      readString(ingest, 'quarantine_dir', 'ct.ingest.quarantine_dir') ?? 'reports/quarantine',
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
  path = key,
  optional = false,
): Record<string, unknown> | null {
  const value = parent[key];
  if (value === undefined || value === null) return optional ? null : {};
  if (typeof value !== 'object' || Array.isArray(value))
    throw paramError(path, value, 'expected a mapping of keys');
  return value as Record<string, unknown>;
}

function readString(
  section: Readonly<Record<string, unknown>>,
  key: string,
  path: string,
): string | null {
  const value = section[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || value === '')
    throw paramError(path, value, 'expected a non-empty string');
  return value;
}

function readNumber(
  section: Readonly<Record<string, unknown>>,
  key: string,
  path: string,
  max = Number.POSITIVE_INFINITY,
): number | null {
  const value = section[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > max) {
    const range = max === Number.POSITIVE_INFINITY ? 'a number >= 0' : `a number in [0, ${max}]`;
    throw paramError(path, value, `expected ${range}`);
  }
  return value;
}

function paramError(path: string, value: unknown, fix: string): CtError {
  return new CtError(
    'E_CT_PARAM',
    `params.yaml: ${path} is ${JSON.stringify(value)}; ${fix}.`,
    value,
  );
}
