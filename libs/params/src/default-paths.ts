/**
 * Every default path of the workspace, relative to its root, written once: the CLI's options,
 * the pipeline's steps and the readers of params.yaml all take their defaults from here.
 */
export const DEFAULT_PATHS = {
  /** The bundle `modelship train` writes and evaluate, gate and register read. */
  bundle: 'artifacts/bundle',
  /** `modelship validate`'s reports (params.yaml `validation.report_dir`). */
  validationReports: 'reports/validation',
  /** Feedback rows `ct-ingest` refused, with reasons (params.yaml `ct.ingest.quarantine_dir`). */
  quarantine: 'reports/quarantine',
  /** The lifecycle demo's report. */
  lifecycleReports: 'reports/lifecycle',
  /** The lifecycle demo's throwaway workspaces, one per run. */
  demoWorkspaces: 'tmp/demo',
  /** The feedback watermark of each data version (params.yaml `ct.state`). */
  ctState: '.modelship/ct/state.json',
  /** The embedded model registry's folder (params.yaml `registry.url` is `file:` plus this). */
  registry: '.modelship/registry',
  /** The embedded feedback store's folder (params.yaml `feedback.store` is `file:` plus this). */
  feedback: '.modelship/feedback',
} as const;

/** The embedded default registry URL: a git-ignored folder inside the workspace. */
export const DEFAULT_REGISTRY_URL = `file:${DEFAULT_PATHS.registry}`;

/** The embedded default feedback store URL: a git-ignored folder inside the workspace. */
export const DEFAULT_FEEDBACK_STORE_URL = `file:${DEFAULT_PATHS.feedback}`;
