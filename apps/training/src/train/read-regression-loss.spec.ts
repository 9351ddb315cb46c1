import { readRegressionLoss } from './read-regression-loss.js';

describe('readRegressionLoss', () => {
  it.each([
    [{}, { kind: 'mse' }],
    [{ loss: 'mse' }, { kind: 'mse' }],
    [{ loss: 'huber' }, { kind: 'huber', delta: 1 }],
    [
      { loss: 'huber', huber_delta: 0.25 },
      { kind: 'huber', delta: 0.25 },
    ],
  ])('reads %j as %j', (model, expected) => {
    expect(readRegressionLoss(model)).toEqual(expected);
  });

  it.each([
    [{ loss: 'mae' }, 'model.loss', 'params.yaml: model.loss must be one of mse, huber, got "mae"'],
    [
      { loss: 'huber', huber_delta: 0 },
      'model.huber_delta',
      'params.yaml: model.huber_delta must be a number > 0 (standard deviations of the target), got 0',
    ],
    [
      { loss: 'huber', huber_delta: '1' },
      'model.huber_delta',
      'params.yaml: model.huber_delta must be a number > 0 (standard deviations of the target), got "1"',
    ],
    [
      { huber_delta: 2 },
      'model.huber_delta',
      'params.yaml: model.huber_delta applies to `loss: huber` only; remove it or set `loss: huber`',
    ],
  ])('refuses %j, naming %s', (model, path, message) => {
    expect(() => readRegressionLoss(model)).toThrow(
      expect.objectContaining({ code: 'E_PARAMS', path, message }),
    );
  });
});
