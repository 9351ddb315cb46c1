import { readTaskOutput } from './model-runner.js';

describe('readTaskOutput', () => {
  it.each([
    ['binary, a sigmoid [n, 1]', 'binary', [0.1, 0.9], [2, 1], [0.1, 0.9]],
    [
      'binary, a softmax [n, 2]: the last column',
      'binary',
      [0.9, 0.1, 0.2, 0.8],
      [2, 2],
      [0.1, 0.8],
    ],
    ['binary, [n]', 'binary', [0.3, 0.4], [2], [0.3, 0.4]],
    [
      'multiclass [n, K]: every column',
      'multiclass',
      [0.2, 0.3, 0.5, 0.6, 0.3, 0.1],
      [2, 3],
      [0.2, 0.3, 0.5, 0.6, 0.3, 0.1],
    ],
    ['regression [n, 1]', 'regression', [412000, -3], [2, 1], [412000, -3]],
  ] as const)('reads %s', (_title, task, values, dims, expected) => {
    expect(Array.from(readTaskOutput(task, values, dims, 2))).toEqual(expected.map(Math.fround));
  });

  it.each([
    [
      'binary',
      [0.1, 0.2, 0.3, 0.4, 0.5, 0.6],
      [2, 3],
      'output has shape [2, 3] for 2 row(s); a binary model answers [n, 1] or [n, 2]',
    ],
    [
      'regression',
      [1, 2, 3, 4],
      [2, 2],
      'output has shape [2, 2] for 2 row(s); a regression model answers [n, 1]',
    ],
    [
      'multiclass',
      [0.5, 0.5, 0.5],
      [1, 3],
      'output has shape [1, 3] for 2 row(s); a multiclass model answers [n, K]',
    ],
  ] as const)('refuses a %s output of the wrong shape', (task, values, dims, message) => {
    expect(() => readTaskOutput(task, values, dims, 2)).toThrow(message);
  });
});
