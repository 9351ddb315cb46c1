import type { Params } from '@modelship/params';
import type { FeatureSpec } from '@modelship/features';
import type { FamilyInput, FittedModel, ModelFamily, ModelHead, ModelType } from './model-family.js';
import { selectBestModel } from './select-best-model.js';

// The choice itself, with families whose validation answers are set by the test: which one is
// kept for each metric direction, on a tie and on a metric that cannot be computed.
const labels = Float64Array.from([0, 1, 0, 1, 1, 0]);

function answering(type: ModelType, answers: number[]): ModelFamily {
  return {
    type,
    fit: async (): Promise<FittedModel> => ({
      type,
      predict: () => Float32Array.from(answers),
      writeModel: async () => undefined,
      summary: { type: 'linear', estimator: type, l2: 1, iterations: 1, converged: true },
    }),
  };
}

function createInput(head: ModelHead, lines: string[], y = labels): FamilyInput {
  const matrix = { x: new Float32Array(y.length), y, rows: y.length, width: 1 };
  return {
    params: { model: { name: 'm' } } as Params,
    head,
    spec: {} as FeatureSpec,
    train: matrix,
    validation: matrix,
    log: (line) => lines.push(line),
  };
}

const perfect = [0.1, 0.9, 0.2, 0.8, 0.7, 0.3];
const reversed = [0.9, 0.1, 0.8, 0.2, 0.3, 0.7];

describe('selectBestModel', () => {
  it('keeps the highest ROC AUC, and records every candidate in the order tried', async () => {
    const lines: string[] = [];
    const { model, selection } = await selectBestModel(
      [answering('linear', reversed), answering('mlp', perfect)],
      createInput({ task: 'binary' }, lines),
    );
    expect(model.type).toBe('mlp');
    expect(selection).toMatchObject({
      metric: 'roc_auc',
      chosen: 'mlp',
      candidates: [
        { type: 'linear', validation: 0 },
        { type: 'mlp', validation: 1 },
      ],
    });
    expect(lines.slice(0, 2)).toEqual([
      expect.stringMatching(/^auto: linear roc_auc 0\.0000 on the validation split \(trained in \d+\.\d s\)$/),
      expect.stringMatching(/^auto: mlp roc_auc 1\.0000 on the validation split/),
    ]);
  });

  it('keeps the lowest RMSE for regression', async () => {
    const values = Float64Array.from([10, 20, 30]);
    const { selection } = await selectBestModel(
      [answering('linear', [10, 20, 36]), answering('mlp', [11, 21, 31])],
      createInput({ task: 'regression' }, [], values),
    );
    expect(selection.metric).toBe('rmse');
    expect(selection.chosen).toBe('mlp');
  });

  it('gives a tie to the simpler family, the one tried first', async () => {
    const { selection } = await selectBestModel(
      [answering('linear', perfect), answering('gbdt', perfect), answering('mlp', perfect)],
      createInput({ task: 'binary' }, []),
    );
    expect(selection.chosen).toBe('linear');
  });

  it('keeps the simplest family when no metric can be computed (one class in the validation split)', async () => {
    const oneClass = Float64Array.from([1, 1, 1]);
    const { selection } = await selectBestModel(
      [answering('linear', [0.2, 0.4, 0.6]), answering('mlp', [0.9, 0.8, 0.7])],
      createInput({ task: 'binary' }, [], oneClass),
    );
    expect(selection.candidates.map((c) => c.validation)).toEqual([Number.NaN, Number.NaN]);
    expect(selection.chosen).toBe('linear');
  });
});
