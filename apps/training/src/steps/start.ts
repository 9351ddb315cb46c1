import type { StepContext } from './step-context.js';

/** One step of the quick start: runs, and answers the one line the summary shows. */
export interface QuickStartStep {
  name: string;
  execute: (ctx: StepContext) => Promise<string>;
}

/**
 * A quick-start step from a pipeline step and a one-line summary of its result. The step decides
 * whether it failed (by throwing); the summary only formats. A summary that throws all the same
 * fails the step rather than the whole run.
 */
export function defineQuickStartStep<T>(
  name: string,
  run: (ctx: StepContext) => Promise<T>,
  summarize: (result: T) => string,
): QuickStartStep {
  return { name, execute: async (ctx) => summarize(await run(ctx)) };
}

export interface StepOutcome {
  name: string;
  seconds: number;
  ok: boolean;
  /** The step's summary line, or the failure's message. */
  line: string;
  error?: unknown;
}

/** Runs the steps in order, timing each, and stops at the first failure. Never throws. */
export async function runQuickStart(
  ctx: StepContext,
  steps: readonly QuickStartStep[],
): Promise<StepOutcome[]> {
  const outcomes: StepOutcome[] = [];
  for (const step of steps) {
    const started = performance.now();
    try {
      const line = await step.execute(ctx);
      outcomes.push({ name: step.name, seconds: elapsedSeconds(started), ok: true, line });
    } catch (error) {
      const line = error instanceof Error ? error.message : String(error);
      outcomes.push({ name: step.name, seconds: elapsedSeconds(started), ok: false, line, error });
      break;
    }
  }
  return outcomes;
}

/** The summary table: one line per step with its time, and a total. */
export function formatQuickStartSummary(outcomes: readonly StepOutcome[]): string {
  const width = Math.max(...outcomes.map((outcome) => outcome.name.length));
  // A failure's message is printed once, below the table, as the command's one error line.
  const lines = outcomes.map(
    (outcome) =>
      `  ${outcome.ok ? '✔' : '✖'} ${outcome.name.padEnd(width)}  ${formatSeconds(outcome.seconds)}  ${outcome.ok ? outcome.line : 'failed'}`,
  );
  const total = outcomes.reduce((sum, outcome) => sum + outcome.seconds, 0);
  return [...lines, `  total ${formatSeconds(total)}`].join('\n');
}

function elapsedSeconds(started: number): number {
  return (performance.now() - started) / 1000;
}

function formatSeconds(seconds: number): string {
  return `${seconds.toFixed(1).padStart(5)} s`;
}
