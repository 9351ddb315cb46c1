import type { GateReport } from '../../gate/decide-gate.js';
import type { EvaluationResult } from '../../evaluate/metrics-files.js';
import type { ModelSummary } from '../../train/model-family.js';
import type { ModelSelection } from '../../train/select-best-model.js';

/** How the model was trained (train-result.json), as the cards show it. */
export interface TrainingSummary {
  /** The family and its figures: epochs, trees or the linear estimator. */
  model: ModelSummary;
  trainRows: number;
  trainSeconds: number;
  /** `model.type: auto` only: the families compared on the validation split. */
  selection: ModelSelection | null;
}

/** What the model card is rendered from: known facts only, nothing read from disk. */
export interface ModelCardInput {
  name: string;
  /** ISO 8601. */
  createdAt: string;
  data: { path: string; md5: string | null; dvcFile: string | null };
  target: { column: string; positive: string | null };
  /** Model and split hyper-parameters from params.yaml. */
  params: Record<string, unknown>;
  /** How training went (train-result.json), when the bundle records it. */
  training: TrainingSummary | null;
  /** Model inputs (feature column names), from the dataset schema. */
  features: string[];
  evaluation: EvaluationResult;
  /** Null until the gate has run. */
  gate: GateReport | null;
  /** Plot paths relative to the card, by kind. */
  plots: { roc: string; pr: string; confusion: string; calibration: string };
}
