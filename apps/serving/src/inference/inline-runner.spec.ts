/** @jest-environment ../../jest.onnx-environment.js */
import { join } from 'node:path';
import type { Task } from '@modelship/core';
import { BUNDLE_FILES } from '@modelship/model-bundle';
import type { FixtureModel } from '../../test/serving-fixture.js';
import { fixtureBundleDir, readFixtureFeatureSpec } from '../../test/serving-fixture.js';
import { InferenceError } from '../http/serving-error.js';
import { InlineRunner } from './inline-runner.js';
import type { InferenceResult } from './run-queue.js';

const TASKS: [FixtureModel, Task][] = [
  ['binary', 'binary'],
  ['multiclass', 'multiclass'],
  ['regression', 'regression'],
];

// A real main-thread session on a fixture's model.onnx, calibrated as the service does at load.
async function startRunner(fixture: FixtureModel, task: Task, batchMaxRows: number | null) {
  const feedSpec = await readFixtureFeatureSpec(fixture);
  const { runner, decision } = await InlineRunner.start({
    modelPath: join(fixtureBundleDir(fixture), BUNDLE_FILES.onnx),
    task,
    feedSpec,
    width: feedSpec.width,
    budgetSeconds: 0.05,
    batchMaxRows,
  });
  if (!runner) throw new Error(`no inline runner: ${JSON.stringify(decision)}`);
  return { runner, width: feedSpec.width };
}

// Rows of distinct, deterministic values (each row its own), `rows` of them.
function makeRows(rows: number, width: number, seed: number): Float32Array {
  const data = new Float32Array(rows * width);
  for (let index = 0; index < data.length; index++) {
    data[index] = Math.sin(seed * 7.1 + index * 0.37) * 2;
  }
  return data;
}

describe('inline runs asked for in one turn of the event loop', () => {
  it.each(TASKS)(
    '%s: share one session call without batching, and each caller gets its own rows',
    async (fixture, task) => {
      const { runner, width } = await startRunner(fixture, task, null);
      const inputs = [1, 3, 1, 2].map((rows, index) => makeRows(rows, width, index + 1));
      // Alone: one call per caller, awaited one after the other.
      const alone: InferenceResult[] = [];
      for (const data of inputs) alone.push(await runner.run(data, data.length / width));
      expect(alone.map((result) => result.batchRows)).toEqual([1, 3, 1, 2]);

      // Together: all asked for before the event loop turns.
      const together = await Promise.all(
        inputs.map((data) => runner.run(data, data.length / width)),
      );
      expect(together.map((result) => result.batchRows)).toEqual([7, 7, 7, 7]);
      expect(together.map((result) => result.batchLeader)).toEqual([true, false, false, false]);
      together.forEach((result, index) => {
        expect(result.output.length).toBe(alone[index].output.length);
        const expected = Array.from(alone[index].output);
        Array.from(result.output).forEach((value, at) =>
          expect(value).toBeCloseTo(expected[at], 5),
        );
      });
      expect(runner.running).toBe(0);
    },
  );

  it('keeps each session call within BATCH_MAX_ROWS, in arrival order', async () => {
    const { runner, width } = await startRunner('binary', 'binary', 2);
    const inputs = [1, 1, 1, 1, 1].map((rows, index) => makeRows(rows, width, index + 10));
    const results = await Promise.all(inputs.map((data) => runner.run(data, 1)));
    expect(results.map((result) => result.batchRows)).toEqual([2, 2, 2, 2, 1]);
    expect(results.map((result) => result.batchLeader)).toEqual([true, false, true, false, true]);
  });

  it('fails every caller of a session call that fails, and counts none of them running', async () => {
    const { runner, width } = await startRunner('binary', 'binary', null);
    // A first caller whose matrix is one value short of a row: the rows behind it do not fit.
    const bad = runner.run(new Float32Array(width - 1), 1);
    const good = runner.run(makeRows(1, width, 1), 1);
    const outcomes = await Promise.allSettled([bad, good]);
    for (const outcome of outcomes) {
      expect(outcome.status).toBe('rejected');
      const reason = (outcome as PromiseRejectedResult).reason as Error;
      expect(reason).toBeInstanceOf(InferenceError);
      expect(reason.message).toMatch(/^The model failed to score 2 row\(s\): /);
    }
    expect(runner.running).toBe(0);
    // The session still answers afterwards.
    expect((await runner.run(makeRows(1, width, 2), 1)).batchRows).toBe(1);
  });
});
