import { TASKS } from '@modelship/core';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { ParamsError } from './params-error.js';
import { readSchemaDefaults } from './params-schema.js';
import { readTask } from './read-task.js';
import { readTaskGateDefaults, TASK_GATE_DEFAULTS } from './task-gate-defaults.js';
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

  it('finds task: binary stated in the workspace params.yaml', () => {
    expect(workspaceParams()['task']).toBe('binary');
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

describe('TASK_GATE_DEFAULTS', () => {
  it("for binary is the shipped params.yaml's gate", () => {
    expect(readTaskGateDefaults('binary')).toEqual(workspaceParams()['gate']);
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
    expect(TASK_GATE_DEFAULTS.regression.metric).toBe('rmse');
    expect(TASK_GATE_DEFAULTS.multiclass.metric).toBe('macro_f1');
  });

  it('hands out copies, so editing one never changes the defaults', () => {
    readTaskGateDefaults('regression').margin = 5;
    expect(TASK_GATE_DEFAULTS.regression.margin).toBe(0);
  });
});
