export type { AdminClient, RolloutStatus } from './admin-client.js';
export { createAdminClient } from './admin-client.js';
export type { CheckTriggersOptions, TriggerCheck } from './check-triggers.js';
export { checkTriggers } from './check-triggers.js';
export type { CtContext, CtWorkspaceParams, VerifyData } from './ct-context.js';
export { CtError } from './ct-error.js';
export type { CtParams, RolloutStrategy } from './ct-params.js';
export { parseCtParams } from './ct-params.js';
export type { RowEncoder, TargetEncoder } from './feedback-to-row.js';
export {
  createRowEncoder,
  formatCsvLine,
  resolveTargetClasses,
  resolveTargetEncoder,
} from './feedback-to-row.js';
export type { LiveFigures } from './measure-live-quality.js';
export { measureLiveQuality } from './measure-live-quality.js';
export { formatTriggerTable, writeCiOutputs } from './format-triggers.js';
export type { IngestFeedbackOptions, IngestResult } from './ingest-feedback.js';
export { ingestFeedback } from './ingest-feedback.js';
export type { MetricsSourceOptions } from './metrics-snapshot.js';
export type { PromSample } from './prometheus-text.js';
export { parsePrometheusText } from './prometheus-text.js';
export type { RolloutChallengerOptions, RolloutChallengerResult } from './rollout-challenger.js';
export { rolloutChallenger } from './rollout-challenger.js';
export type { RolloutOutcome, RolloutRun } from './run-rollout.js';
export { runRollout } from './run-rollout.js';
export type { CtTrigger, LiveQuality, TriggerInputs, TriggerResult } from './triggers/index.js';
export { ctTriggers } from './triggers/index.js';
export type { IngestSourceOptions, SourceIngestResult } from './ingest-source-rows.js';
export { ingestSourceRows } from './ingest-source-rows.js';
