import { performance } from 'node:perf_hooks';
import type { Task } from '@modelship/core';
import type { ModelFeedSpec } from '@modelship/features';
import { InferenceError } from '../http/serving-error.js';
import { concatenateRows } from './batching-run-queue.js';
import type { ModelRunner } from './model-runner.js';
import { createOnnxRunner } from './onnx-runner.js';
import type { InferenceResult, PendingRun } from './run-queue.js';
import { settleRuns } from './settle-runs.js';

/** What the load-time measurement decided for one model: how many rows may run inline. */
export interface InlineDecision {
  /** Measured cost of one run beyond its rows (tensor, session call), in seconds. */
  runSeconds: number;
  /** Measured cost of each row, in seconds. */
  rowSeconds: number;
  /** Rows a run may have to be scored on the event loop; 0: every run goes to a worker thread. */
  maxRows: number;
  /** Why the main thread could not run the model at all (every run then goes to a worker). */
  unavailable?: string;
}

export interface InlineOptions {
  modelPath: string;
  task: Task;
  /** How the model's inputs are built from the feature matrix (as on the workers). */
  feedSpec: ModelFeedSpec;
  /** Width of the feature matrix (the calibration rows are zeros of this width). */
  width: number;
  /** The longest an inline run may hold the event loop, in seconds (INLINE_MAX_MS). */
  budgetSeconds: number;
  /**
   * With dynamic batching: the most rows one coalesced run may hold; null: as many as the budget
   * allows.
   */
  batchMaxRows: number | null;
}

// Calibration: single-row runs give the fixed cost, runs of CALIBRATION_ROWS the per-row cost;
// medians of a few runs each, after a first (slow) run. Runs larger than the calibration's are
// never inline: their cost was not measured.
const CALIBRATION_ROWS = 256;
const CALIBRATION_REPEATS = 15;

/**
 * An onnxruntime session on the main thread for runs that cost less than a budget: a one-row
 * prediction of a small model takes microseconds, while handing it to a worker thread costs tens
 * of microseconds of event-loop time and a thread wake-up. How many rows fit the budget is
 * measured once, at load; larger runs, and every run while workers are busy, take the pool.
 * The runs asked for in one turn of the event loop are scored as one.
 */
export class InlineRunner {
  private pending: PendingRun[] = [];
  private flushing = false;
  private active = 0;

  private constructor(
    private readonly runner: ModelRunner,
    readonly decision: InlineDecision,
    private readonly batchMaxRows: number | null,
  ) {}

  /**
   * Creates the main-thread session and measures it. The decision is returned either way (for
   * metrics and logs); the runner only when at least one row fits the budget.
   */
  static async start(
    options: InlineOptions,
  ): Promise<{ decision: InlineDecision; runner: InlineRunner | null }> {
    let session: ModelRunner;
    let decision: InlineDecision;
    try {
      session = await createOnnxRunner(options.modelPath, 1, options.task, options.feedSpec);
      decision = await measureInlineCost(session, options.width, options.budgetSeconds);
    } catch (error) {
      // An optimisation only: the workers load the same model (and report their own errors).
      const unavailable = (error as Error).message;
      return { decision: { runSeconds: 0, rowSeconds: 0, maxRows: 0, unavailable }, runner: null };
    }
    const runner =
      decision.maxRows > 0 ? new InlineRunner(session, decision, options.batchMaxRows) : null;
    return { decision, runner };
  }

  /** Runs asked for and not yet settled. */
  get running(): number {
    return this.active;
  }

  /**
   * Scores `rows` rows (at most `decision.maxRows`) on the event loop, in one session call with
   * the other runs asked for in the same turn of the event loop, batching or not.
   */
  run(data: Float32Array, rows: number): Promise<InferenceResult> {
    this.active++;
    return new Promise<InferenceResult>((resolve, reject) => {
      this.gather({ data, rows, enqueuedAt: performance.now(), resolve, reject });
    });
  }

  // --- internal ---

  // The runs of one event-loop turn share a session call, up to the inline budget's rows (and
  // BATCH_MAX_ROWS with batching). onnxruntime-node defers every run to the check phase anyway,
  // so gathering adds no wait; and the answers then go out together, which costs the sockets
  // less than one answer per session call (measured: writev's share of the CPU fell by half).
  private gather(run: PendingRun): void {
    this.pending.push(run);
    if (this.flushing) return;
    this.flushing = true;
    setImmediate(() => {
      this.flushing = false;
      const pending = this.pending;
      this.pending = [];
      const limit = Math.min(this.batchMaxRows ?? Infinity, this.decision.maxRows);
      let batch: PendingRun[] = [];
      let rows = 0;
      for (const next of pending) {
        if (batch.length > 0 && rows + next.rows > limit) {
          void this.score(batch);
          batch = [];
          rows = 0;
        }
        batch.push(next);
        rows += next.rows;
      }
      if (batch.length > 0) void this.score(batch);
    });
  }

  private async score(runs: PendingRun[]): Promise<void> {
    const rows = runs.reduce((sum, run) => sum + run.rows, 0);
    const started = performance.now();
    let output: Float32Array;
    try {
      output = await this.runner.run(concatenateRows(runs, rows), rows);
    } catch (error) {
      this.active -= runs.length;
      // The same error a worker's failed run gives.
      const message = (error as Error).message.replace(/\s+/g, ' ');
      const failure = new InferenceError(`The model failed to score ${rows} row(s): ${message}`);
      for (const run of runs) run.reject(failure);
      return;
    }
    const inferenceSeconds = (performance.now() - started) / 1000;
    this.active -= runs.length;
    settleRuns(runs, output, { dispatchedAt: started, workerWaitSeconds: 0, inferenceSeconds });
  }
}

/**
 * Times single-row runs and runs of CALIBRATION_ROWS rows on zeros of the model's width, and
 * fits the rows a run may hold within `budgetSeconds` (0 when even one row costs more; at most
 * CALIBRATION_ROWS).
 */
export async function measureInlineCost(
  runner: Pick<ModelRunner, 'run'>,
  width: number,
  budgetSeconds: number,
): Promise<InlineDecision> {
  const time = async (rows: number): Promise<number> => {
    const samples: number[] = [];
    await runner.run(new Float32Array(rows * width), rows);
    for (let repeat = 0; repeat < CALIBRATION_REPEATS; repeat++) {
      const data = new Float32Array(rows * width);
      const started = performance.now();
      await runner.run(data, rows);
      samples.push((performance.now() - started) / 1000);
    }
    return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)];
  };
  const one = await time(1);
  const many = await time(CALIBRATION_ROWS);
  const rowSeconds = Math.max((many - one) / (CALIBRATION_ROWS - 1), 1e-9);
  const runSeconds = Math.max(one - rowSeconds, 0);
  const fit = Math.floor((budgetSeconds - runSeconds) / rowSeconds);
  const maxRows = one > budgetSeconds ? 0 : Math.min(CALIBRATION_ROWS, fit);
  return { runSeconds, rowSeconds, maxRows };
}
