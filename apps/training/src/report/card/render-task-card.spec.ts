import type { TaskEvaluation } from '../../evaluate/evaluate-task-predictions.js';
import { computeMulticlassMetrics } from '../../evaluate/multiclass-metrics.js';
import { computeRegressionMetrics } from '../../evaluate/regression-metrics.js';
import { renderTaskCard } from './render-task-card.js';
import { gbdtTraining, linearTraining, mlpTraining } from '../testing/training-summaries.js';

const classes = ['low', 'normal', 'urgent'];
const labels = [0, 1, 2, 1, 0, 2];
// Right on every row but one (row 3 is taken for "urgent").
const probabilities = [0.8, 0.1, 0.1, 0.1, 0.8, 0.1, 0.1, 0.1, 0.8, 0.1, 0.2, 0.7, 0.7, 0.2, 0.1, 0.1, 0.1, 0.8];

function multiclass(linearMacroF1: number): TaskEvaluation {
  return {
    task: 'multiclass',
    network: computeMulticlassMetrics(labels, probabilities, classes),
    baselines: [{ id: 'logistic_regression', label: 'Multinomial logistic regression', detail: 'softmax', metrics: { macro_f1: linearMacroF1 } }],
  };
}

function regression(ridgeRmse: number): TaskEvaluation {
  return {
    task: 'regression',
    network: computeRegressionMetrics([100, 200, 300, 400], [110, 190, 320, 380]),
    rows: 4,
    baselines: [{ id: 'ridge', label: 'Ridge regression', detail: 'alpha 1', metrics: { rmse: ridgeRmse } }],
  };
}

const cardInput = (evaluation: TaskEvaluation) => ({
    name: 'm',
    target: 'y',
    features: ['a'],
    evaluation,
    createdAt: '2026-01-02T03:04:05.000Z',
    data: { path: 'data/m.csv', md5: '0123456789abcdef0123456789abcdef', dvcFile: 'data.dvc' },
    training: mlpTraining(3500),
    params: { task: evaluation.task, model: { hidden_units: [16] } },
  });
const card = (evaluation: TaskEvaluation) => renderTaskCard(cardInput(evaluation));

describe('renderTaskCard: details', () => {
  it('states the task, the data version, the training run and the parameters', () => {
    const text = card(regression(20));
    expect(text).toContain('| Type | Regression (value in the target\'s units): multilayer perceptron (TensorFlow.js), served as ONNX |');
    expect(text).toContain('| Data version | `0123456789abcdef0123456789abcdef` (DVC md5 in `data.dvc`; data file `data/m.csv`) |');
    expect(text).toContain('| Training | 3,500 rows, 12 epochs (best 9), 4.3 s on the TensorFlow.js `wasm` backend |');
    expect(text).toContain('| Test split | 4 rows |');
    expect(text).toMatch(/## Training parameters[\s\S]*\| model\.hidden_units \| `\[16\]` \|/);
    expect(card(multiclass(0.5))).toContain('| Type | Multiclass classifier (softmax): multilayer perceptron');
  });
});

describe('renderTaskCard: limitations', () => {
  const limitations = (text: string) => text.slice(text.indexOf('## Limitations'), text.indexOf('## Training parameters'));

  it('flags classes with few test rows and a poorly calibrated top label', () => {
    // Six test rows: every class is small, and the confident wrong answer on row 3 costs calibration.
    const text = limitations(card(multiclass(0.5)));
    expect(text).toContain('`low` (2), `normal` (2), `urgent` (2) have fewer than 30 test rows');
    expect(text).toMatch(/top-label expected calibration error 0\.\d{4}/);
  });

  it('flags a slice whose MAE is well above the overall MAE, and a MAPE left out for zeros', () => {
    const evaluation: TaskEvaluation = {
      task: 'regression',
      network: computeRegressionMetrics([0, 200, 300, 400], [10, 190, 320, 380]),
      rows: 4,
      baselines: [],
    };
    const slices = { district: [{ value: 'hills', count: 40, mae: 30, rmse: 31 }, { value: 'north', count: 40, mae: 10, rmse: 11 }] };
    const text = limitations(renderTaskCard({ ...cardInput(evaluation), slices }));
    expect(text).toContain('Weaker on `district` = `hills` (MAE 30.0000): more than 1.5 times the overall MAE (15.0000).');
    expect(text).toContain('MAPE is left out: some actual values are 0');
    expect(limitations(card(regression(20)))).not.toContain('Weaker on');
  });
});

describe('renderTaskCard: the network against the linear baseline', () => {
  it('says when multinomial logistic regression has the better macro F1, with both figures', () => {
    const network = computeMulticlassMetrics(labels, probabilities, classes).metrics.macro_f1;
    expect(network).toBeLessThan(0.9);
    expect(card(multiclass(0.9))).toContain(
      `> **The linear baseline beats the network.** On the test split, Multinomial logistic regression scores macro_f1 0.9000 against the network's ${network.toFixed(4)} (higher is better).`,
    );
  });

  it('says nothing of it when the network has the better macro F1', () => {
    expect(card(multiclass(0.5))).not.toContain('linear baseline beats');
  });

  it('reads RMSE as lower-is-better: a ridge with a lower RMSE beats the network', () => {
    // The network's RMSE is sqrt((100 + 100 + 400 + 400) / 4) = 15.8114.
    expect(card(regression(12))).toContain(
      "Ridge regression scores rmse 12.0000 against the network's 15.8114 (lower is better).",
    );
    expect(card(regression(20))).not.toContain('linear baseline beats');
  });
});

describe('renderTaskCard: model families', () => {
  it('names a ridge model chosen by auto, with the comparison table, and no note comparing it with itself', () => {
    const text = renderTaskCard({ ...cardInput(regression(10)), training: linearTraining('ridge_regression', true) });
    expect(text).toContain("| Type | Regression (value in the target's units): ridge regression, served as ONNX |");
    expect(text).toContain('| Training | 3,500 rows, ridge regression, L2 0.5, 7 iterations, 0.3 s |');
    expect(text).toContain('| Metric (test split) | Linear model | Ridge regression |');
    expect(text).not.toContain('linear baseline beats');
    expect(text).toContain(
      [
        '| Family | Validation rmse | Train seconds |',
        '| --- | ---: | ---: |',
        '| **linear** (chosen) | 1.5000 | 0.3 |',
        '| mlp | 2.7500 | 6.5 |',
      ].join('\n'),
    );
    expect(text).toMatch(/kept the best rmse on the validation split \(lower is better; a tie goes to the simpler family\)/);
  });

  it('gives gradient-boosted trees their training line, importance table, and the linear note in their words', () => {
    const text = renderTaskCard({ ...cardInput(multiclass(0.99)), training: gbdtTraining() });
    expect(text).toContain('| Training | 3,500 rows, 40 trees from 60 rounds (best round 40, stopped early), 1.5 s |');
    expect(text).toContain('| Type | Multiclass classifier (softmax): gradient-boosted trees, served as ONNX |');
    expect(text).toContain('## Feature importance');
    expect(text).toContain('> **The linear baseline beats the gradient-boosted trees.**');
    expect(text).toContain('`model.type: linear`');
    expect(text).not.toContain('## Model selection');
  });
});
