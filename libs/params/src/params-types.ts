// The TypeScript shape of params.yaml, key for key the same as params.schema.json
// (params-types.spec.ts fails when the two drift apart). Optional here means optional there.
// Type aliases, not interfaces, so a section passes where a Record<string, unknown> is taken.
import type { Task } from '@modelship/core';

/** params.yaml, checked against params.schema.json. */
export type Params = {
  /** What the model predicts; absent means binary (see `readTask`). */
  task?: Task;
  data: DataParams;
  split: SplitParams;
  validation?: { report_dir?: string; max_examples?: number };
  drift?: DriftParams;
  model: ModelParams;
  evaluate?: { threshold?: number };
  gate: GateParams;
  registry?: { url?: string };
  feedback?: { store?: string };
  ct?: CtParams;
};

export type DataParams = {
  path: string;
  dvc: string;
  schema: string;
  target: string;
  sample?: { generator: string; rows: number; seed: number };
  source?: DataSourceParams;
};

/** `data.source`: the SQL query whose rows `modelship data extract` writes to data.path. */
export type DataSourceParams = {
  /** `env:NAME`: the environment variable holding the connection URL. */
  url: string;
  query?: string;
  query_file?: string;
  incremental_column?: string;
};

export type SplitParams = {
  test: number;
  validation: number;
  seed: number;
  stratify: boolean;
};

export type DriftParams = {
  bins?: number;
  psi_warn?: number;
  psi_alert?: number;
  ks_alert?: number;
  chi2_p_value?: number;
  min_samples?: number;
};

export type ModelParams = {
  name: string;
  /** The model family; absent means mlp. */
  type?: 'mlp' | 'gbdt' | 'linear' | 'auto';
  gbdt?: GbdtParamsSection;
  linear?: { l2?: number };
  hidden_units?: number[];
  activation?: 'relu' | 'tanh' | 'sigmoid' | 'elu' | 'selu' | 'softplus' | 'linear';
  dropout?: number;
  l2?: number;
  learning_rate?: number;
  epochs?: number;
  batch_size?: number;
  early_stopping_patience?: number;
  class_weight?: 'balanced' | 'none';
  /** Regression only: squared error or Huber's loss. */
  loss?: 'mse' | 'huber';
  /** Regression with `loss: huber` only: in standard deviations of the target. */
  huber_delta?: number;
  seed?: number;
  min_category_count?: number;
  max_categories?: number;
};

/** `metric` and `margin`, and any number of `min_<metric>` / `max_<metric>` thresholds. */
export type GateParams = { metric: string; margin: number } & {
  [threshold: `min_${string}` | `max_${string}`]: number;
};

export type CtParams = {
  state?: string;
  drift?: { max_psi?: number | null; min_window_rows?: number | null } | null;
  live?: {
    min_accuracy?: number | null;
    min_roc_auc?: number | null;
    min_macro_f1?: number | null;
    max_rmse?: number | null;
    max_mae?: number | null;
    min_labelled_rows?: number | null;
  } | null;
  new_labelled_rows?: number | null;
  schedule?: { max_model_age_days?: number | null } | null;
  ingest?: { quarantine_dir?: string; max_quarantine_share?: number } | null;
  rollout?: {
    strategy?: 'canary' | 'shadow_then_canary';
    shadow_ms?: number | null;
    shadow?: Record<string, unknown> | null;
    canary?: Record<string, unknown> | null;
    timeout_ms?: number | null;
    poll_ms?: number | null;
  } | null;
};

/** The top-level sections of params.yaml. */
export type ParamsSection = keyof Params;

/** `model.gbdt`: gradient-boosted trees. */
export type GbdtParamsSection = {
  learning_rate?: number;
  max_trees?: number;
  early_stopping_rounds?: number;
  max_depth?: number;
  max_leaves?: number;
  min_rows_per_leaf?: number;
  l2?: number;
  row_subsample?: number;
  column_subsample?: number;
  max_bins?: number;
  class_weight?: 'balanced' | 'none';
};
