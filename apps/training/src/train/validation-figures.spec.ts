import { computeValidationFigures } from './validation-figures.js';

describe('computeValidationFigures', () => {
  it('scores multiclass on class-weighted cross-entropy and one-vs-rest macro ROC AUC', () => {
    // Rows of classes 0, 1, 2 with their true class's probability 0.5, 0.8, 0.25.
    const probabilities = Float32Array.of(0.5, 0.3, 0.2, 0.1, 0.8, 0.1, 0.25, 0.5, 0.25);
    const weights = { 0: 1, 1: 2, 2: 1 };
    const figures = computeValidationFigures(
      { task: 'multiclass', classes: 3 },
      [0, 1, 2],
      probabilities,
      weights,
      null,
    );
    const loss = -(Math.log(0.5) + 2 * Math.log(0.8) + Math.log(0.25)) / 4;
    expect(figures.valLoss).toBeCloseTo(loss, 6);
    expect(figures.valRocAuc).toBeCloseTo(1, 6);
  });

  it('scores regression on the loss in standard units and the RMSE in the target units', () => {
    const scaling = { mean: 1_000, std: 100 };
    // Answers 0.5 and 3 standard deviations: errors 0.5 and 2 (200 in the target's units).
    const outputs = Float32Array.of(0.5, 3);
    const targets = [1_000, 1_100];
    const mse = computeValidationFigures(
      { task: 'regression', loss: { kind: 'mse' } },
      targets,
      outputs,
      undefined,
      scaling,
    );
    expect(mse.valLoss).toBeCloseTo((0.25 + 4) / 2, 6);
    expect(mse.valRmse).toBeCloseTo(Math.sqrt((50 ** 2 + 200 ** 2) / 2), 3);
    const huber = computeValidationFigures(
      { task: 'regression', loss: { kind: 'huber', delta: 1 } },
      targets,
      outputs,
      undefined,
      scaling,
    );
    // 0.5 * 0.5^2 inside delta; 0.5 * 1^2 + 1 * (2 - 1) beyond it.
    expect(huber.valLoss).toBeCloseTo((0.125 + 1.5) / 2, 6);
  });
});
