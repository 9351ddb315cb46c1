import type { GateReport } from '../../gate/decide-gate.js';
import type { EvaluationResult } from '../../evaluate/metrics-files.js';

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
  training: {
    backend: string;
    epochsRun: number;
    bestEpoch: number;
    trainRows: number;
    trainSeconds: number;
  } | null;
  /** Model inputs (feature column names), from the dataset schema. */
  features: string[];
  evaluation: EvaluationResult;
  /** Null until the gate has run. */
  gate: GateReport | null;
  /** Plot paths relative to the card, by kind. */
  plots: { roc: string; pr: string; confusion: string; calibration: string };
}
