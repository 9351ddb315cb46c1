import { DEFAULT_TASK, isTask, TASKS } from './task.js';

describe('Task', () => {
  it('lists binary, multiclass and regression', () => {
    expect(TASKS).toEqual(['binary', 'multiclass', 'regression']);
  });

  it('defaults to binary, the one task every existing workspace trains', () => {
    expect(DEFAULT_TASK).toBe('binary');
  });

  it.each([
    ['binary', true],
    ['multiclass', true],
    ['regression', true],
    ['Binary', false],
    ['classification', false],
    ['', false],
    [2, false],
    [undefined, false],
  ])('isTask(%j) is %s', (value, expected) => {
    expect(isTask(value)).toBe(expected);
  });
});
