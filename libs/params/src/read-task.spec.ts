import { TASKS, type Task } from '@modelship/core';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { ParamsError } from './params-error.js';
import { readSchemaDefaults } from './params-schema.js';
import { readTask } from './read-task.js';
import { readTaskGateDefaults, readTaskLiveDefaults } from './task-gate-defaults.js';
import { validateParams } from './validate-params.js';

const workspaceParams = (): Record<string, unknown> =>
  parse(readFileSync(new URL('../../../params.yaml', import.meta.url), 'utf8'));

describe('readTask', () => {
  it('reads binary when params.yaml has no task key, as every workspace before it did', () => {
    const { task: _task, ...params } = workspaceParams();
    expect(readTask(validateParams(params))).toBe('binary');
  });

  it.each(TASKS)('reads task: %s', (task) => {
    expect(readTask(validateParams({ ...workspaceParams(), task }))).toBe(task);
  });

  // The repository states binary; a workspace scaffolded on a user's CSV states its target's task.
  it('finds the task stated in the workspace params.yaml', () => {
    expect(TASKS).toContain(workspaceParams()['task']);
  });

  it.each([['classification'], ['Binary'], [2]])(
    'refuses task: %j naming the three tasks',
    (task) => {
      const refuse = () => validateParams({ ...workspaceParams(), task });
      expect(refuse).toThrow(ParamsError);
      expect(refuse).toThrow(
        `params.yaml: task must be one of binary, multiclass, regression, got ${JSON.stringify(task)}`,
      );
    },
  );

  it('has a schema enum equal to the TASKS list', () => {
    const schema = JSON.parse(
      readFileSync(new URL('./params.schema.json', import.meta.url), 'utf8'),
    ) as { properties: { task: { enum: string[]; default: string } } };
    expect(schema.properties.task.enum).toEqual([...TASKS]);
    expect(schema.properties.task.default).toBe('binary');
    expect(readSchemaDefaults('task')).toEqual({});
  });
});

describe('readTaskGateDefaults', () => {
  it("for the workspace's task is its params.yaml's gate and ct.live (binary: the shipped ones)", () => {
    const params = workspaceParams() as { task: Task; gate: unknown; ct: { live: unknown } };
    expect(readTaskGateDefaults(params.task)).toEqual(params.gate);
    // A null default (regression's error ceilings, in the target's units) is derived from the
    // user's data by the scaffolder: a positive number there, null in a workspace without data.
    const defaults = readTaskLiveDefaults(params.task) as Record<string, unknown>;
    const live = params.ct.live as Record<string, unknown>;
    expect(Object.keys(live).sort()).toEqual(Object.keys(defaults).sort());
    for (const [key, value] of Object.entries(defaults)) {
      if (value === null) expect(live[key] === null || (live[key] as number) > 0).toBe(true);
      else expect(live[key]).toEqual(value);
    }
  });

  it.each(TASKS)('gives %s live limits that validate as params.yaml ct.live', (task) => {
    const live = readTaskLiveDefaults(task);
    const ct = { ...(workspaceParams()['ct'] as object), live };
    expect(validateParams({ ...workspaceParams(), task, ct }).ct?.live).toEqual(live);
  });

  it.each(TASKS)(
    'for %s validates as a params.yaml gate and names its metric among thresholds',
    (task) => {
      const gate = readTaskGateDefaults(task);
      expect(validateParams({ ...workspaceParams(), task, gate }).gate).toEqual(gate);
      const bounded = Object.keys(gate).filter((key) => /^(min|max)_/.test(key));
      expect(bounded.length).toBeGreaterThan(0);
    },
  );

  it('compares regression on RMSE and multiclass on macro F1', () => {
    expect(readTaskGateDefaults('regression').metric).toBe('rmse');
    expect(readTaskGateDefaults('multiclass').metric).toBe('macro_f1');
  });

  it('hands out copies, so editing one never changes the defaults', () => {
    readTaskGateDefaults('regression').margin = 5;
    expect(readTaskGateDefaults('regression').margin).toBe(0);
  });
});
